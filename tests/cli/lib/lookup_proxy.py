"""A loopback proxy in front of a real afcq-sandbox whose answers can be
replaced, for tests of answers that are not answers.

    python3 lookup_proxy.py UPSTREAM RULES LOG

Every request is appended to LOG as "METHOD PATH".  RULES is read again on
every request: lines "PATH-SUFFIX STATUS BODY..." (BODY may be empty); the
first line whose suffix ends the request path answers it with that status
and body, anything else is forwarded to UPSTREAM as it came.  Prints
"listening on http://127.0.0.1:PORT" once ready.
"""
import http.server
import socketserver
import sys
import urllib.error
import urllib.request

upstream, rules_path, log_path = sys.argv[1], sys.argv[2], sys.argv[3]


def rule_for(path):
    try:
        with open(rules_path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) >= 2 and path.endswith(parts[0]):
            return int(parts[1]), (parts[2] if len(parts) > 2 else "").encode()
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer(self):
        n = int(self.headers.get("Content-Length", 0) or 0)
        data = self.rfile.read(n) if n else None
        with open(log_path, "a", encoding="utf-8") as f:
            f.write("%s %s\n" % (self.command, self.path))
        rule = rule_for(self.path)
        if rule:
            self.reply(*rule)
            return
        req = urllib.request.Request(upstream + self.path, data=data, method=self.command)
        for h in ("Content-Type", "Authorization"):
            if self.headers.get(h):
                req.add_header(h, self.headers[h])
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                self.reply(r.status, r.read(), r.headers.get("Content-Type", "application/json"))
        except urllib.error.HTTPError as e:
            self.reply(e.code, e.read(), e.headers.get("Content-Type", "text/plain"))

    do_GET = do_POST = answer


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
print("listening on http://127.0.0.1:%d" % srv.server_address[1], flush=True)
srv.serve_forever()
