"""Writes to the organisation tables. Imports are all-or-nothing."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportMessage:
    """One problem or warning in an import file; line 1 is the header."""

    filename: str
    line: int
    column: str
    text: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}: {self.text}"


@dataclass
class ImportResult:
    kind: str
    filename: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    errors: list[ImportMessage] = field(default_factory=list)
    warnings: list[ImportMessage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_file(kind: str, data: bytes, filename: str, dry_run: bool = False) -> ImportResult:
    raise NotImplementedError  # being written now (issue 2, imports)
