# PEP 563 (`from __future__ import annotations`): annotations are strings, so forward
# references need no quotes; user generics subscripted; dataclass ClassVar pseudo-fields.
from __future__ import annotations

import __future__
from dataclasses import dataclass, fields
from typing import ClassVar, Generic, Optional, TypeVar

T = TypeVar("T")


class Node(Generic[T]):
    def __init__(self, value: T, next: Optional[Node[T]] = None) -> None:
        self.value = value
        self.next = next

    def push(self, value: T) -> Node[T]:
        return Node(value, self)


class IntNode(Node[int]):
    pass


@dataclass
class Config:
    name: str
    retries: int = 3
    instances: ClassVar[int] = 0
    registry: ClassVar[dict[str, Config]] = {}


head = Node(1).push(2)
print(head.value, head.next.value, Node[int], IntNode.__mro__[1].__name__)
print(Node.__init__.__annotations__)
print(Node.push.__annotations__)
print(Config("db"), [f.name for f in fields(Config)], Config.instances, Config.__annotations__)
print(__future__.annotations, __future__.annotations.getMandatoryRelease())
