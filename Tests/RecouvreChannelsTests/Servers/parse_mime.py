"""Parses a message with Python's email package and prints its structure as JSON, so tests
check the MIME output with a parser that is not ours."""
import json
import sys
from email import policy
from email.parser import BytesParser

message = BytesParser(policy=policy.default).parse(open(sys.argv[1], "rb"))
parts = []
for part in message.walk():
    entry = {"type": part.get_content_type()}
    if not part.is_multipart():
        payload = part.get_payload(decode=True)
        entry["filename"] = part.get_filename()
        entry["size"] = len(payload)
        entry["text"] = payload.decode("utf-8") if part.get_content_maintype() == "text" else payload.hex()
    parts.append(entry)
print(json.dumps({
    "subject": str(message["subject"]),
    "inReplyTo": str(message["in-reply-to"]),
    "references": str(message["references"]),
    "defects": len(message.defects) + sum(len(p.defects) for p in message.walk()),
    "parts": parts,
}))
