# `from asyncio import *` binds asyncio.__all__, the socket and stream names included, and a
# missing name is an AttributeError naming the module.
from asyncio import *
import asyncio

print(StreamReader.__name__, StreamWriter.__name__, Protocol.__name__, Transport.__name__)
print(open_connection.__name__, start_server.__name__, sleep.__name__, Queue.__name__)
print(callable(asyncio.get_event_loop_policy().new_event_loop().create_server))
print("StreamReader" in asyncio.__all__, "BaseSelectorEventLoop" in asyncio.__all__)
try:
    asyncio.no_such_name
except AttributeError as e:
    print(e)
try:
    from asyncio import no_such_name
except ImportError as e:
    print(str(e).split(" (")[0])
