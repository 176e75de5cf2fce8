"""The command line run in-process for the front-end tests: exit status, stdout and stderr."""

from symdiff.ui.cli import main


def run(capsys, *argv):
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse: a usage error
        status = exit_.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err
