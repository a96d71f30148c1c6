"""A loopback SMTP server for the transport tests, on Debian's aiosmtpd.

    /usr/bin/python3 smtp_server.py --dir DIR [--mode plain|starttls|smtps] [--cert C --key K]
                                    [--user U --password P]

Listens on an ephemeral 127.0.0.1 port and writes it to DIR/port once ready. Every accepted
message is stored as DIR/messages/<n>.eml, preceded by X-Test-* lines saying how it came
(peer address, TLS, authenticated user, envelope). Every MAIL and AUTH attempt is appended to
DIR/commands.log, so a test can prove nothing was sent.

Recipients steer the replies: unknown@… is refused with 550, busy@… with 451, and a message
for slow@… is answered only after 3 s.
"""
import argparse
import asyncio
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP, AuthResult

# The test process may run us with signals blocked; SIGTERM must stop us.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, signal.SIG_DFL)

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--mode", choices=["plain", "starttls", "smtps"], default="plain")
parser.add_argument("--cert")
parser.add_argument("--key")
parser.add_argument("--user")
parser.add_argument("--password")
args = parser.parse_args()

os.makedirs(os.path.join(args.dir, "messages"), exist_ok=True)


def log(line):
    with open(os.path.join(args.dir, "commands.log"), "a") as f:
        f.write(line + "\n")


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        log("MAIL " + address + (" tls" if session.ssl or args.mode == "smtps" else " clear"))
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown@"):
            return "550 5.1.1 <" + address + ">: no such user"
        if address.startswith("busy@"):
            return "451 4.3.0 mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.startswith("slow@") for r in envelope.rcpt_tos):
            await asyncio.sleep(3)
        self.count += 1
        tls = "yes" if (session.ssl or args.mode == "smtps") else "no"
        user = session.auth_data.decode() if isinstance(session.auth_data, bytes) else (session.auth_data or "")
        head = (
            "X-Test-Peer: %s:%d\r\nX-Test-TLS: %s\r\nX-Test-Auth: %s\r\nX-Test-Mail-From: %s\r\nX-Test-Rcpt: %s\r\n"
            % (session.peer[0], session.peer[1], tls, user, envelope.mail_from, ",".join(envelope.rcpt_tos))
        )
        path = os.path.join(args.dir, "messages", "%04d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as Q%04d" % self.count


def authenticator(server, session, envelope, mechanism, auth_data):
    login = auth_data.login.decode()
    ok = login == args.user and auth_data.password.decode() == args.password
    log("AUTH %s %s %s" % (mechanism, login, "ok" if ok else "refused"))
    return AuthResult(success=ok, handled=False, auth_data=login if ok else None)


context = None
if args.mode != "plain":
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

handler = Handler()


def factory():
    options = dict(hostname="recouvre-test", ident="recouvre test server")
    if args.user:
        # Over smtps the session is TLS from the start, which aiosmtpd does not see as STARTTLS.
        options.update(authenticator=authenticator, auth_require_tls=args.mode == "starttls")
    if args.mode == "starttls":
        options.update(tls_context=context)
    return SMTP(handler, **options)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0, ssl=context if args.mode == "smtps" else None)
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    async with server:
        await server.serve_forever()


asyncio.run(main())
