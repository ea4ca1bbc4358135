#!/usr/bin/env python3
"""Counts test outcomes in TRX files: prints "PASSED FAILED SKIPPED" on stdout.

Every UnitTestResult counts once: Passed is passed, NotExecuted is skipped, and any other outcome
(Failed, Error, Timeout, Aborted, ...) is failed, so that nothing unexpected passes silently.
The names of failed and skipped tests go to stderr, so the CI log says which ones.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            print(f"{path}: not a readable TRX file ({error}); counted as one failure.", file=sys.stderr)
            failed += 1
            continue
        for result in root.iter(f"{NS}UnitTestResult"):
            outcome = result.get("outcome", "")
            name = result.get("testName", "?")
            if outcome == "Passed":
                passed += 1
            elif outcome == "NotExecuted":
                skipped += 1
                print(f"  skipped: {name}", file=sys.stderr)
            else:
                failed += 1
                print(f"  {outcome.lower() or 'failed'}: {name}", file=sys.stderr)
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
