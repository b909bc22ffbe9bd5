"""Unit tests of the bench driver's parsing and formatting (no runtime is started).
   python3 -m unittest discover -s bench -p 'test_*.py'"""

import unittest

import run

WRK_REPORT = """Running 3s test @ http://127.0.0.1:8080/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.09ms    2.37ms  29.54ms   91.27%
    Req/Sec    28.49k     7.86k   48.38k    75.00%
  56770 requests in 2.01s, 3.79MB read
  Socket errors: connect 1, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:  28301.21
Transfer/sec:      1.89MB
"""


class ParseWrk(unittest.TestCase):
    def test_full_report(self):
        self.assertEqual(run.parse_wrk(WRK_REPORT),
                         {"requests_per_s": 28301.21, "requests": 56770, "socket_errors": 6, "non_2xx": 4})

    def test_clean_report_has_no_errors(self):
        clean = "\n".join(line for line in WRK_REPORT.splitlines() if "errors" not in line and "Non-2xx" not in line)
        result = run.parse_wrk(clean)
        self.assertEqual((result["socket_errors"], result["non_2xx"]), (0, 0))

    def test_missing_figures(self):
        self.assertIsNone(run.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")["requests_per_s"])


class Formatting(unittest.TestCase):
    def test_ratio(self):
        self.assertEqual(run.ratio_text(150, 100), "1.50×")
        self.assertEqual(run.ratio_text(None, 100), "—")
        self.assertEqual(run.ratio_text(0, 100), "—")  # below the clock's resolution
        self.assertEqual(run.ratio_text(5, None), "—")

    def test_numbers(self):
        self.assertEqual(run.fmt(28301.21), "28,301")
        self.assertEqual(run.fmt_ms(0), "<1")
        self.assertEqual(run.mib(2048), "2.0")
        self.assertEqual(run.mib(None), "—")


class Pinning(unittest.TestCase):
    def test_specs(self):
        self.assertEqual(run.choose_pinning("off"), {"server": [], "wrk": []})
        self.assertEqual(run.choose_pinning("0:1"), {"server": [0], "wrk": [1]})
        self.assertEqual(run.choose_pinning("0,1:2,3"), {"server": [0, 1], "wrk": [2, 3]})

    def test_commands(self):
        saved = dict(run.PIN)
        try:
            run.PIN.update({"server": [0], "wrk": [1]})
            self.assertEqual(run.pinned("wrk", ["wrk", "-t1"]), ["taskset", "-c", "1", "wrk", "-t1"])
            run.PIN.update({"server": [], "wrk": []})
            self.assertEqual(run.pinned("server", ["node", "x.mjs"]), ["node", "x.mjs"])
        finally:
            run.PIN.update(saved)


class Proc(unittest.TestCase):
    def test_own_process(self):
        import os
        self.assertGreater(run.proc_status(os.getpid(), "VmRSS"), 0)
        self.assertGreaterEqual(run.proc_cpu_seconds(os.getpid()), 0)
        self.assertIsNone(run.proc_status(2 ** 22 + 12345, "VmRSS"))


if __name__ == "__main__":
    unittest.main()
