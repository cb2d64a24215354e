"""The embedded broker never hands the worker half a message."""

import threading

from kombu import Connection

from collider.broker import Transport


def connect(tmp_path, transport=Transport) -> Connection:
    queue, processed = tmp_path / "queue", tmp_path / "processed"
    queue.mkdir(exist_ok=True)
    processed.mkdir(exist_ok=True)
    return Connection(
        transport=transport,
        transport_options={
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(processed),
            "control_folder": str(tmp_path / "control"),
            "store_processed": False,
        },
    )


def test_undecodable_message_is_set_aside_and_the_next_one_delivered(tmp_path):
    with connect(tmp_path) as connection, connection.SimpleQueue("mail") as queue:
        # What an older, non-atomic writer could leave behind: a truncated message.
        (tmp_path / "queue" / "0_truncated.mail.msg").write_text('{"body": "eyJ')
        queue.put({"n": 1})

        message = queue.get(timeout=5)

    assert message.payload == {"n": 1}
    assert [path.name for path in (tmp_path / "processed").iterdir()] == [
        "0_truncated.mail.msg.corrupt"
    ]


def test_concurrent_bindings_keep_the_exchange_table_whole(tmp_path):
    binders = 8
    with connect(tmp_path) as connection:
        channel = connection.default_channel
        threads = [
            threading.Thread(target=channel._queue_bind, args=("fan", "", "", f"q{n}"))
            for n in range(binders)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        table = channel.get_table("fan")

    assert sorted(entry.queue for entry in table) == [f"q{n}" for n in range(binders)]
