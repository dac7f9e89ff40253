# json: dumps with indent/sort_keys/separators, loads back, and CPython's decode error messages.
import json

record = {"name": "Zoë", "scores": [9.5, 7, None], "active": True, "tags": {"b": 1, "a": 2}}
text = json.dumps(record)
print(text)
print(json.loads(text) == record)
print(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False))
print(json.dumps([1, 2, {"k": "v"}], separators=(",", ":")))
for bad in ['{"a": 1,}', "[1, 2", '{"a" 1}', "nope"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as err:
        print(f"{bad!r}: {err}")
