"""The `kasam` command: Kasam's own management commands (and a few of Django's) under one name."""

import os
import sys

# Django commands a municipality's administrator needs besides Kasam's own.
DJANGO_COMMANDS = (
    "migrate",
    "createsuperuser",
    "changepassword",
    "collectstatic",
    "check",
    "shell",
    "db_worker",
)


def _command_summaries() -> list[tuple[str, str]]:
    from django.core.management import get_commands, load_command_class

    rows = []
    for name, app in sorted(get_commands().items()):
        if app.startswith("kasam.") or name in DJANGO_COMMANDS:
            help_text = load_command_class(app, name).help.strip().splitlines()
            rows.append((name, help_text[0] if help_text else ""))
    from kasam.metrics_cli.evaluate import HELP as EVALUATE_HELP

    return sorted([*rows, ("evaluate", EVALUATE_HELP)])


def _print_help() -> None:
    print("usage: kasam <command> [options]\n")
    print("Kasam – salutogenic workplace health. Run `kasam <command> --help` for a command's options.\n")
    print("commands:")
    for name, summary in _command_summaries():
        print(f"  {name:<16}{summary}")


def _is_report_from_dir(argv: list[str]) -> bool:
    """`kasam sickleave report … --from-dir DIR`: an analyst's report from import files, run without
    Django (kasam.metrics_cli.sickleave_report) so that it starts fast and needs no database."""
    return argv[:2] == ["sickleave", "report"] and any(
        arg == "--from-dir" or arg.startswith("--from-dir=") for arg in argv[2:]
    )


def _is_survey_indices(argv: list[str]) -> bool:
    """`kasam survey indices …`: an analyst's survey figures from an answers file, run without Django
    (kasam.metrics_cli.survey_indices)."""
    return argv[:2] == ["survey", "indices"]


def _is_evaluate(argv: list[str]) -> bool:
    """`kasam evaluate …`: an analyst's evaluation of a panel file, run without Django
    (kasam.metrics_cli.evaluate)."""
    return argv[:1] == ["evaluate"]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if _is_report_from_dir(argv):
        from kasam.metrics_cli.sickleave_report import main as report_main

        sys.exit(report_main(argv[1:]))
    if _is_survey_indices(argv):
        from kasam.metrics_cli.survey_indices import main as survey_main

        sys.exit(survey_main(argv[1:]))
    if _is_evaluate(argv):
        from kasam.metrics_cli.evaluate import main as evaluate_main

        sys.exit(evaluate_main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasam.settings")
    if argv[:1] == ["demo"]:
        # The demo is served over plain HTTP on loopback (the command says so as it starts). Its logins
        # need no second factor because its database is marked as the demo's (kasam.core.models).
        os.environ.setdefault("KASAM_INSECURE_HTTP", "true")
    import django

    django.setup()
    if not argv or argv[0] in {"-h", "--help", "help"}:
        _print_help()
        sys.exit(0 if argv else 2)
    from django.core.management import execute_from_command_line, get_commands

    if argv[0] not in get_commands():
        print(f"kasam: unknown command {argv[0]!r}; `kasam --help` lists the commands.", file=sys.stderr)
        sys.exit(2)
    execute_from_command_line(["kasam", *argv])


if __name__ == "__main__":
    main()
