#!/usr/bin/python3
"""A real SMTP server for tests: receives mail on loopback and keeps every message as a file.

Usage (run with Debian's interpreter, which has python3-aiosmtpd; a pyenv `python3`
earlier on PATH does not):

    /usr/bin/python3 tests/tools/smtp_sink.py --port N --maildir DIR
        [--fail-first K]            answer the first K messages 451 at DATA (temporary)
        [--reject-rcpt REGEX]       answer 550 to RCPT TO addresses matching REGEX (permanent)
        [--tempfail-rcpt REGEX]     answer 450 to RCPT TO addresses matching REGEX (temporary)
        [--idle-timeout SECONDS]    close connections idle this long (default 300)

--port 0 picks a free port. Once listening it prints one line "READY <port>" on stdout
(and flushes); wait for it before sending. SIGTERM or SIGINT stops it.

Each accepted message is written to DIR/<seq>.eml (seq = 000001, 000002, ...), first to a
temporary name and then renamed, so a reader that lists *.eml never sees half a file.
The file is the message exactly as received (CRLF line endings), preceded by envelope lines
    X-Sink-Mail-From: <sender>
    X-Sink-Rcpt-To: <recipient>        (one line per envelope recipient)
DIR/.sessions holds the number of SMTP sessions that said EHLO/HELO so far (connection reuse).
"""

import argparse
import asyncio
import logging
import os
import re
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, args):
        self.maildir = args.maildir
        self.fail_left = args.fail_first
        self.reject = re.compile(args.reject_rcpt) if args.reject_rcpt else None
        self.tempfail = re.compile(args.tempfail_rcpt) if args.tempfail_rcpt else None
        self.seq = 0
        self.sessions = 0

    def _write_atomically(self, name, data):
        temporary = os.path.join(self.maildir, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(data)
        os.rename(temporary, os.path.join(self.maildir, name))

    def _greeted(self):
        self.sessions += 1
        self._write_atomically(".sessions", str(self.sessions).encode())

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self._greeted()
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        session.host_name = hostname
        self._greeted()
        return "250 {}".format(server.hostname)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject.search(address):
            return "550 5.1.1 Mailbox unavailable"
        if self.tempfail and self.tempfail.search(address):
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.seq += 1
        head = "X-Sink-Mail-From: {}\r\n".format(envelope.mail_from)
        head += "".join("X-Sink-Rcpt-To: {}\r\n".format(r) for r in envelope.rcpt_tos)
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        self._write_atomically("{:06d}.eml".format(self.seq), head.encode() + content)
        return "250 2.0.0 Message accepted"


async def serve(args):
    os.makedirs(args.maildir, exist_ok=True)
    sink = Sink(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="smtp-sink.test", data_size_limit=50 * 1024 * 1024,
                     timeout=args.idle_timeout),
        host="127.0.0.1", port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    port = server.sockets[0].getsockname()[1]
    print("READY {}".format(port), flush=True)
    await stop.wait()
    server.close()


def main():
    # aiosmtpd's own warnings and errors (a session that broke off, an exception in a
    # handler) go to stderr, which the tests print when mail does not arrive.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    parser = argparse.ArgumentParser(description="SMTP sink for tests")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--reject-rcpt")
    parser.add_argument("--tempfail-rcpt")
    parser.add_argument("--idle-timeout", type=float, default=300)
    asyncio.run(serve(parser.parse_args()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
