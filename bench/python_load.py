"""Drives DescribeUHostInstance through the official Python SDK
(ucloud-sdk-python3) with N threads for S seconds and prints the same
summary line as the Rust load tool.

    python python_load.py BASE_URL PUBLIC_KEY PRIVATE_KEY THREADS SECONDS
"""

import logging
import sys
import threading
import time

from ucloud.client import Client


def main():
    base_url, public_key, private_key = sys.argv[1:4]
    threads, seconds = int(sys.argv[4]), float(sys.argv[5])
    logging.getLogger("ucloud").setLevel(logging.ERROR)
    config = {
        "region": "cn-bj2",
        "public_key": public_key,
        "private_key": private_key,
        "base_url": base_url,
        "max_retries": 0,
        "log_level": logging.ERROR,
    }
    deadline = time.monotonic() + seconds
    latencies, errors, lock = [], [0], threading.Lock()

    def worker():
        uhost = Client(config).uhost()
        mine, failed = [], 0
        while time.monotonic() < deadline:
            sent = time.monotonic()
            try:
                uhost.describe_uhost_instance({})
                mine.append(time.monotonic() - sent)
            except Exception:  # noqa: BLE001 - every failure counts the same
                failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies), max(1, int(len(latencies) * p + 0.999999))) - 1] * 1000

    print(f"requests/s: {len(latencies) / elapsed:.0f} errors: {errors[0]} p50_ms: {pct(0.5):.3f} p99_ms: {pct(0.99):.3f}")


if __name__ == "__main__":
    main()
