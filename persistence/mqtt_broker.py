"""The embedded MQTT broker (``amqtt``, MQTT 3.1.1) for `pawgraph dev` and the test suite.

Run as a child process we own (``python -m persistence.mqtt_broker --port N``), started and
stopped by ``persistence.embedded.EmbeddedStores.start_mqtt``, like the other embedded
servers: a broker of its own process keeps working (and keeps persistent sessions) while a
subscriber restarts, and its CPU does not compete with the app's event loop.

Configuration: one TCP listener on loopback; clients must send a username (any username, no
password: loopback development only). amqtt treats anonymous sessions as throw-away and
queues nothing for them, so requiring a username is what makes ``clean_session=False``
sessions keep QoS 1 messages published while their subscriber is away.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal


def broker_config(host: str, port: int) -> dict:
    return {
        "listeners": {"default": {"type": "tcp", "bind": f"{host}:{port}"}},
        "plugins": {
            "amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": False},
        },
    }


async def serve(host: str, port: int) -> None:
    from amqtt.broker import Broker

    broker = Broker(broker_config(host, port))
    await broker.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await broker.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description="embedded MQTT broker (amqtt) on loopback")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(serve(args.host, args.port))


if __name__ == "__main__":
    main()
