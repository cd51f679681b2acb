"""The `sinetra` command: Sinetra's own management commands first, every Django command still reachable.

`sinetra --help` lists Sinetra's commands; `sinetra import-asn FILE` is `manage.py import_asn FILE`
(dashes or underscores); `sinetra help COMMAND` shows one command's options.
"""

import os
import sys

OWN_APPS = ("core", "accounts", "regions", "registry", "elections", "acts", "reports", "cases", "patrol", "news")


def _own_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    commands = {}
    for name, app in sorted(get_commands().items()):
        if app in OWN_APPS:
            help_text = (load_command_class(app, name).help or "").strip().splitlines()
            commands[name.replace("_", "-")] = help_text[0] if help_text else ""
    return commands


def _print_overview() -> None:
    print("Sinetra — Sistem Informasi Netralitas ASN\n")
    print("Penggunaan / usage: sinetra <perintah> [opsi]\n")
    print("Perintah Sinetra / Sinetra commands:")
    commands = _own_commands()
    width = max((len(name) for name in commands), default=0)
    for name, help_text in commands.items():
        print(f"  {name:<{width}}  {help_text}")
    print("\nPekerja latar / background worker: sinetra db_worker (impor dari peramban berjalan di sini)")
    print("Perintah Django juga tersedia (migrate, runserver, createsuperuser, ...): sinetra django-help")
    print("Bantuan satu perintah / help for one command: sinetra help <perintah>")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinetra.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if not argv or argv[0] in {"-h", "--help"}:
        _print_overview()
        return
    if argv[0] == "django-help":
        execute_from_command_line(["sinetra", "help"])
        return
    if argv[0] == "help" and len(argv) > 1:
        argv[1] = argv[1].replace("-", "_")
    else:
        argv[0] = argv[0].replace("-", "_")
    execute_from_command_line(["sinetra", *argv])


if __name__ == "__main__":
    main()
