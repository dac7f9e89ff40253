# contextvars: ContextVar get/set/reset with tokens, defaults, copy_context and Context.run isolation.
import contextvars

request_id = contextvars.ContextVar('request_id')
user = contextvars.ContextVar('user', default='anonymous')

print(user.get(), request_id.get('none yet'))
try:
    request_id.get()
except LookupError as e:
    print('LookupError for', e.args[0].name)

token = request_id.set(41)
print(request_id.get(), token.var is request_id, token.old_value is contextvars.Token.MISSING)
token2 = request_id.set(42)
print(request_id.get(), token2.old_value)
request_id.reset(token2)
print('after reset:', request_id.get())
try:
    request_id.reset(token2)
except RuntimeError as e:
    print('RuntimeError:', str(e).endswith('has already been used once'))


def handler(name):
    user.set(name)
    request_id.set(request_id.get() * 10)
    return f'{user.get()} handled {request_id.get()}'


ctx = contextvars.copy_context()
print(ctx.run(handler, 'alice'))
print('outside:', user.get(), request_id.get())
print('inside ctx:', ctx[user], ctx[request_id], len(ctx), user in ctx)
print(sorted(v.name for v in ctx))
print(ctx.run(user.get), contextvars.Context().run(user.get))

try:
    ctx.run(ctx.run, print)
except RuntimeError as e:
    print('RuntimeError:', str(e).startswith('cannot enter context'))

token3 = ctx.run(user.set, 'bob')
try:
    user.reset(token3)
except ValueError as e:
    print('ValueError:', str(e).endswith('was created in a different Context'))
try:
    contextvars.ContextVar(3)
except TypeError as e:
    print('TypeError:', e)
print(type(ctx).__name__, type(ctx).__module__, contextvars.ContextVar[int])
