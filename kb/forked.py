"""Work in a forked second process, for `kb build` on two cores: the open-data files beside the pages, half
of the pages, the second MkDocs run. A failure in the child comes back as the same error in the parent (an
OSError as an OSError, a KbError as a BuildError); a child ends when its parent is killed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

from .errors import BuildError, KbError


def can_fork() -> bool:
    """Two cores and fork(): a second process is worth it."""
    return (os.cpu_count() or 1) >= 2 and hasattr(os, "fork")


class Alongside:
    """work(None) in a forked child while this process goes on (at scale, with two cores: the open-data
    files cost seconds at 10,000 records and would otherwise wait for the pages); called, it waits for the
    child and returns what work returned. Without a fork (or when not `worth_it`), calling it runs work here."""

    def __init__(self, work, worth_it: bool):
        self.work, self.child = work, None
        if worth_it and can_fork():
            self.child = Forked(work, None)

    def __call__(self):
        if self.child is None:
            return self.work(None)
        child, self.child = self.child, None
        return child.finish()

    def stop(self) -> None:
        if self.child is not None:
            self.child.stop()
            self.child = None


def in_two_processes(work, items: list, at_least: int) -> None:
    """work(items); from `at_least` items on, work(half) in a forked child while this process does the other half."""
    if len(items) < at_least or not can_fork():
        work(items)
        return
    child = Forked(work, items[1::2])
    try:
        work(items[0::2])
    except BaseException:
        child.stop()
        raise
    child.finish()


class Forked:
    """work(arg) in a forked child. finish() raises what the child raised (an OSError as an
    OSError, so it gets the same Dutch message); stop() ends it early."""

    def __init__(self, work, arg):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(work, arg, send, os.getpid()))
        self.process.start()
        send.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()

    def finish(self):
        """What work(arg) returned in the child (a small picklable value)."""
        try:
            outcome = self._receive.recv()  # ("ok", value) for success; EOFError if it died without a word
        except (EOFError, OSError):
            outcome = None
        self.process.join()
        if outcome is not None and outcome[0] == "ok" and self.process.exitcode == 0:
            return outcome[1]
        kind, *rest = outcome or ("error", f"exitcode {self.process.exitcode}")
        if kind == "os":
            raise OSError(*rest)
        if kind == "kb":
            raise BuildError(*rest)
        raise BuildError(f"de tweede bouwstap is mislukt ({rest[0] if rest else kind})")


def _child(work, arg, send, parent: int) -> None:  # pragma: no cover - runs in a fork
    # A parent killed with SIGKILL cannot stop us: end with it, so its folders are no longer in use.
    def watch_parent():
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()
    outcome, code = None, 0
    try:
        outcome = ("ok", work(arg))
    except OSError as e:
        outcome, code = ("os", e.errno, e.strerror, e.filename), 1
    except KbError as e:
        outcome, code = ("kb", e.message, e.hint), 1
    except (KeyboardInterrupt, SystemExit):  # stopped by the parent, or Ctrl+C in the terminal
        outcome, code = ("stop",), 1
    except BaseException as e:
        outcome, code = ("error", f"{type(e).__name__}: {e}"[:2000]), 1
    try:
        send.send(outcome)
        send.close()
    except OSError:
        pass
    os._exit(code)
