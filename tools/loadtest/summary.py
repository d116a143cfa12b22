#!/usr/bin/env python3
"""Locust's stats CSV as a Markdown table: p50/p95/p99 per request kind."""

import csv
import sys


def main(path):
    print("| request | count | failures | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with open(path) as stats:
        for row in csv.DictReader(stats):
            print(
                f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
                f"| {row['50%']} | {row['95%']} | {row['99%']} "
                f"| {float(row['Max Response Time']):.0f} |"
            )


if __name__ == "__main__":
    main(sys.argv[1])
