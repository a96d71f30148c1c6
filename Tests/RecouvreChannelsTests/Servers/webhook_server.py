"""A loopback HTTPS endpoint for the webhook tests, on Python's http.server and ssl.

    /usr/bin/python3 webhook_server.py --dir DIR --secret S [--cert C --key K]

Without --cert it speaks plain http. Listens on an ephemeral 127.0.0.1 port and writes it to
DIR/port once ready. Every request is checked the way docs/channels.md tells receivers to, and
appended to DIR/requests.log as "<path> <idempotency key> <signature ok|bad>".

Paths: /ok 200 with a JSON body, /bad 400, /busy 429 with Retry-After: 7, /down 503 with an
HTTP-date Retry-After, /slow answers after 3 s. A request whose signature does not verify
gets 401 whatever the path.
"""
import argparse
import email.utils
import hashlib
import hmac
import os
import signal
import ssl
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The test process may run us with signals blocked; SIGTERM must stop us.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
signal.signal(signal.SIGTERM, signal.SIG_DFL)

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--secret", required=True)
parser.add_argument("--cert")
parser.add_argument("--key")
args = parser.parse_args()
secret = args.secret.encode()


def verify(headers, body, tolerance=300):
    """The receiver's check: recompute the HMAC over "<timestamp>.<body>" and compare."""
    timestamp = headers.get("X-Recouvre-Timestamp", "")
    signatures = [s.strip()[3:] for s in headers.get("X-Recouvre-Signature", "").split(",") if s.strip().startswith("v1=")]
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, s) for s in signatures)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ok = verify(self.headers, body) and self.headers.get("Content-Type") == "application/json"
        with open(os.path.join(args.dir, "requests.log"), "a") as f:
            f.write("%s %s %s\n" % (self.path, self.headers.get("Idempotency-Key"), "ok" if ok else "bad"))
        if not ok:
            return self.answer(401, b'{"error":"bad signature"}')
        if self.path == "/ok":
            return self.answer(200, b'{"id":"msg-1","echo":' + body + b"}", [("Content-Type", "application/json")])
        if self.path == "/bad":
            return self.answer(400, b'{"error":"unknown template"}')
        if self.path == "/busy":
            return self.answer(429, b"slow down", [("Retry-After", "7")])
        if self.path == "/down":
            later = email.utils.formatdate(time.time() + 120, usegmt=True)
            return self.answer(503, b"maintenance", [("Retry-After", later)])
        if self.path == "/slow":
            time.sleep(3)
            return self.answer(200, b"late")
        return self.answer(404, b"no such path")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if args.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
port = server.server_address[1]
with open(os.path.join(args.dir, "port.tmp"), "w") as f:
    f.write(str(port))
os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
server.serve_forever()
