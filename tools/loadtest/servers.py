"""Transactions and tuples read of the load test's database on each server.

    servers.py --db NAME --save FILE primary=HOST:PORT [replica=HOST:PORT]
    servers.py --db NAME --since FILE primary=HOST:PORT [replica=HOST:PORT]

The first form records the counters of PostgreSQL's pg_stat_database; the
second prints what each server served since then, so that a run with a
replica shows how much of the reading left the primary.
"""

import argparse
import json

import psycopg2


def counters(host, port, database):
    connection = psycopg2.connect(host=host, port=port, dbname=database)
    try:
        with connection.cursor() as cr:
            cr.execute(
                """SELECT xact_commit + xact_rollback, tup_returned + tup_fetched
                     FROM pg_stat_database WHERE datname = %s""",
                (database,),
            )
            return list(cr.fetchone())
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save")
    what.add_argument("--since")
    parser.add_argument("servers", nargs="+", help="name=HOST:PORT")
    args = parser.parse_args()
    now = {}
    for spec in args.servers:
        name, address = spec.split("=", 1)
        host, port = address.rsplit(":", 1)
        now[name] = counters(host, int(port), args.db)
    if args.save:
        with open(args.save, "w", encoding="utf-8") as file:
            json.dump(now, file)
        return
    with open(args.since, encoding="utf-8") as file:
        before = json.load(file)
    served = {
        name: [
            after - start for after, start in zip(now[name], before[name], strict=True)
        ]
        for name in now
    }
    total_reads = sum(reads for _xacts, reads in served.values()) or 1
    print("Served by the database servers during the run:")
    for name, (xacts, reads) in served.items():
        print(
            f"  {name}: {xacts:,} transactions, {reads:,} tuples read"
            f" ({100 * reads / total_reads:.0f}% of the reads)"
        )


if __name__ == "__main__":
    main()
