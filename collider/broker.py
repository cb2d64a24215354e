"""The embedded broker: kombu's filesystem transport, with messages written atomically.

kombu's own transport creates a message file and then writes into it; a worker that lists the
folder in between moves the empty or half-written file away, fails to decode it and dies
(``Unrecoverable error: JSONDecodeError``), and every e-mail stays queued from then on. Here each
message is written to a hidden temporary file and renamed into place (``os.replace`` is atomic on
one filesystem), so the worker only ever sees complete messages. The exchange tables used for
broadcasts are rewritten the same way. A message that still cannot be decoded (left by an older
version) is set aside in the processed folder and logged instead of killing the worker.

We keep a filesystem transport rather than kombu's SQLAlchemy one: that would add a dependency,
polls a second SQLite database that has the same writer-lock contention as the main one, and
cannot broadcast (no remote control of the worker).
"""

import json
import logging
import os
import shutil
import tempfile
import uuid
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)


def _write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one."""
    folder = os.path.dirname(path)
    # A leading dot keeps the temporary name out of every queue's "<stamp>_<id>.<queue>.msg".
    temporary = os.path.join(folder, f".{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise ChannelError(f"Cannot write {path!r}") from error


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        """Put ``payload`` onto ``queue`` as one complete file."""
        filename = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        _write_atomically(
            os.path.join(self.data_folder_out, filename), str_to_bytes(dumps(payload))
        )

    def _queue_bind(self, exchange, routing_key, pattern, queue):
        file = self._exchange_file(exchange)
        self.control_folder.mkdir(exist_ok=True)
        entry = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        # The lock file serialises binders; readers never lock, they read a complete table.
        with open(f"{file}.lock", "wb") as lock_handle:
            filesystem.lock(lock_handle, filesystem.LOCK_EX)
            try:
                queues = self.get_table(exchange)
                if entry not in queues:
                    _write_atomically(str(file), str_to_bytes(dumps([entry, *queues])))
            finally:
                filesystem.unlock(lock_handle)

    def _get(self, queue):
        """Take the oldest message of ``queue``; set aside any that cannot be decoded."""
        wanted = f"{queue}.msg"
        for filename in sorted(os.listdir(self.data_folder_in)):
            if filename.partition(".")[2] != wanted:
                continue
            folder = self.processed_folder if self.store_processed else tempfile.gettempdir()
            try:
                shutil.move(os.path.join(self.data_folder_in, filename), folder)
            except OSError:
                continue  # another consumer took it
            path = os.path.join(folder, filename)
            try:
                with open(path, "rb") as handle:
                    payload = handle.read()
            except OSError as error:
                raise ChannelError(f"Cannot read file {path!r} from queue.") from error
            try:
                message = loads(bytes_to_str(payload))
            except (json.JSONDecodeError, UnicodeDecodeError):
                self._set_aside(path, filename)
                continue
            if not self.store_processed:
                os.remove(path)
            return message
        raise Empty()

    def _set_aside(self, path: str, filename: str) -> None:
        corrupt = os.path.join(self.processed_folder, f"{filename}.corrupt")
        os.makedirs(self.processed_folder, exist_ok=True)
        shutil.move(path, corrupt)
        logger.error("Broker message %s could not be decoded; kept as %s", filename, corrupt)


class Transport(filesystem.Transport):
    """kombu's filesystem transport with atomic writes (see the module docstring)."""

    Channel = Channel
