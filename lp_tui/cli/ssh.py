"""``lp-tui ssh-setup``: how coaches reach their view over SSH."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lp_tui.cli.common import (
    Context,
    pass_context,
)
from lp_tui.cli.root import cli
from lp_tui.domain.model import Role


@cli.command()
@click.option("--db-path", "shown_db", help="The database the coaches' sessions use.")
@pass_context
def ssh_setup(context: Context, shown_db: str | None) -> None:
    """Print the steps and authorized_keys lines that let coaches in over SSH."""
    import shlex
    import shutil

    snapshot = context.repo().snapshot()
    target = context.cohort(snapshot)
    coaches = [p for p in snapshot.people(target.id) if p.role is Role.COACH]
    program = shutil.which("lp-tui") or f"{sys.executable} -m lp_tui"
    database = Path(shown_db or context.db_path).resolve()
    click.echo(SSH_STEPS.format(folder=shlex.quote(str(database.parent))))
    for person in sorted(coaches, key=lambda p: p.name):
        # the coach's id, not their name: a name is matched in part too ("anjali"), so a line
        # left after its coach was removed or renamed could open another coach's view; an id
        # opens this coach's view or, once they are gone, nobody's
        command = f"{program} --db {shlex.quote(str(database))} coach --as {person.id}"
        escaped = command.replace("\\", "\\\\").replace('"', '\\"')
        click.echo(f"# {person.name}")
        click.echo(f'restrict,pty,command="{escaped}" <{person.name}\'s public key>')


SSH_STEPS = """\
Coaches log in over SSH to this laptop; each key can only ever start that coach's view.

1. Install and start OpenSSH:  sudo apt-get install openssh-server
2. Give the coaches an account of their own, and share the database's folder with it through
   a group (the folder must be one both accounts can reach, e.g. /srv/lp-tui, not your home):
     sudo adduser --disabled-password --gecos "" lp-coach
     sudo usermod -p '*' lp-coach   (no password, yet not locked: sshd refuses locked ones)
     sudo groupadd lp-coaches
     sudo usermod -aG lp-coaches "$USER"; sudo usermod -aG lp-coaches lp-coach
     sudo chgrp -R lp-coaches {folder}
     sudo chmod -R g+rwX,o-rwx {folder}
     sudo find {folder} -type d -exec chmod g+s {{}} +
   Log out and in again so your account is in the group. lp-tui keeps the file's mode and
   group on every write, and keeps its backups where the group can write them too. Install
   lp-tui where lp-coach can run it too (a venv in /srv/lp-tui, say, not in a private home):
     python3 -m venv /srv/lp-tui/venv && /srv/lp-tui/venv/bin/pip install /path/to/lp-tui
   (a plain install, not -e: it carries the programme files with it).
3. Put one line per coach in /home/lp-coach/.ssh/authorized_keys, with the coach's public key
   at the end. 'restrict' turns off forwarding; 'pty' gives them a screen; 'command' starts
   their view whatever command their ssh asks for (the coach by their id: a line whose coach
   has left the cohort opens nobody's view; run this again after a coach joins or is renamed):
"""
