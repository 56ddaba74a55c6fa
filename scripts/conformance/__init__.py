"""The emulator's conformance check (scripts/check-emulator-conformance.py), in parts: models.py (what is
checked against), shapes.py (answer against shape), client.py (calls over HTTP), ivs_checks.py and
realtime_checks.py (the calls, service by service), other_checks.py (events, unserved, boto3, faults),
emulator.py (the process), main.py (the order and the summary)."""
