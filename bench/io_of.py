#!/usr/bin/env python3
"""Runs a command and, when it exits, writes its whole I/O count to a file.

    bench/io_of.py OUT.io CMD [ARGS...]

OUT.io gets the lines of the command's /proc/PID/io read after it exited and
before it is reaped (the totals of all its threads, to the last write; a
sampler reading it while the command runs misses what it writes at its end,
e.g. the last WAL checkpoint). wchar counts the bytes passed to write and
pwrite calls (WAL frames and checkpoint copies included, whether or not the
page cache already held them dirty), so it does not depend on the machine's
load. stdin, stdout and stderr are the command's; the exit code is its.
The first line of OUT.io is the command's pid, while it runs (for samplers).
"""
import os
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, cmd = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    with open(out, "w") as f:
        f.write(f"pid: {pid}\n")
    # Wait for the exit but leave the zombie: its /proc/PID/io still holds
    # the totals.
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    try:
        with open(f"/proc/{pid}/io") as f:
            io = f.read()
    except OSError as e:
        io = f"error: {e}\n"
    with open(out, "a") as f:
        f.write(io)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
