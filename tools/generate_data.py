#!/usr/bin/env python3
"""Build a realistic, national-size data set for directive_tracking.

    tools/generate --db NAME --tasks 1000000 --units 10000

(tools/generate prepares the virtualenv, the database cluster and the database,
then runs this script).  Directly, with an Odoo configuration file:

    python tools/generate_data.py -c odoo.conf -d NAME --tasks 1000000

What it builds, in one transaction on a database where directive_tracking is
installed and that has no task yet:

- units in 4 levels (province, provincial agencies, communes, commune
  offices) spread over ``--provinces`` provinces (34 at full size);
- ``--accounts`` accounts within the level quotas (leaders, Office officers
  and clerks, unit focal points, unit staff), all with ``--password``;
- ``--sources`` official documents and meeting conclusions (20 tasks each on
  average, heavy-tailed: some are sent to every commune);
- ``--tasks`` tasks with realistic states, deadlines (10% without),
  extensions, completion reports, coordinating units and sub-tasks, and about
  ``--updates-per-task`` progress updates each.

Units and tasks are written with COPY (the ORM would need hours for a million
tasks); accounts go through the ORM (they are few and res.users has many
side effects).  Every stored computed field is written with the value its
compute method gives (tests/test_generate_data.py checks it at small size)
and timeliness is computed by the model's own SQL rule.
"""

import argparse
import io
import logging
import os
import random
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date

import odoo.init  # noqa: F401  (Odoo's core setup, first; a no-op inside Odoo)
from odoo.tools import SQL

_logger = logging.getLogger("directive_tracking.generate")

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------
PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
    "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai",
    "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình",
    "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long",
    "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
AGENCIES = [
    ("Văn phòng UBND tỉnh", "VP"), ("Sở Tài chính", "STC"),
    ("Sở Nội vụ", "SNV"), ("Sở Xây dựng", "SXD"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"), ("Sở Công Thương", "SCT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"), ("Sở Y tế", "SYT"),
    ("Sở Tư pháp", "STP"), ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"), ("Thanh tra tỉnh", "TTr"),
    ("Sở Dân tộc và Tôn giáo", "SDTTG"), ("Sở Ngoại vụ", "SNgV"),
    ("Ban Quản lý các khu công nghiệp", "BQLKCN"), ("Công an tỉnh", "CA"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"), ("Thuế tỉnh", "TH"),
    ("Bảo hiểm xã hội tỉnh", "BHXH"), ("Đài Phát thanh và Truyền hình", "PTTH"),
    ("Ban Quản lý dự án đầu tư xây dựng", "BQLDA"), ("Kho bạc Nhà nước", "KBNN"),
]  # fmt: skip
PLACES = [
    "An Bình", "Tân Phú", "Hòa Hiệp", "Phú Lộc", "Thạnh Mỹ", "Long Hưng",
    "Bình Minh", "Hưng Thịnh", "Tân Lập", "Quảng Phú", "Đông Hòa", "Nam Sơn",
    "Hòa Bình", "An Lạc", "Phước Hải", "Vĩnh Thạnh", "Cát Tiên", "Đức Trọng",
    "Lạc Dương", "Đinh Văn", "Xuân Trường", "Hiệp Thạnh", "Tân Hội", "Ninh Gia",
    "Phú Hội", "Tà Năng", "Đạ Huoai", "Bảo Thuận", "Lộc An", "Gia Hiệp",
]  # fmt: skip
COMMUNE_OFFICES = [
    "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
]  # fmt: skip
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Quốc Ngọc Thu Hoài Xuân".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hùng Hương Khánh Lan Long Mai Nam Nga "
    "Phong Phúc Quân Sơn Tâm Thảo Trang Tuấn Vy Yến"
).split()
VERBS = [
    "Triển khai", "Tổ chức thực hiện", "Rà soát", "Kiểm tra", "Xây dựng",
    "Hoàn thiện", "Tham mưu", "Báo cáo", "Đôn đốc", "Hướng dẫn", "Tổng hợp",
    "Đề xuất", "Giải quyết", "Thẩm định", "Cập nhật", "Đẩy nhanh tiến độ",
]  # fmt: skip
TOPICS = [
    "kế hoạch chuyển đổi số", "dự án đầu tư công", "công tác giải phóng mặt bằng",
    "chương trình xây dựng nông thôn mới", "hồ sơ thủ tục hành chính",
    "phương án phòng, chống thiên tai", "đề án sắp xếp đơn vị hành chính",
    "công tác cải cách hành chính", "kế hoạch phát triển kinh tế - xã hội",
    "dự toán ngân sách nhà nước", "công tác phòng, chống dịch bệnh",
    "chương trình giảm nghèo bền vững", "quy hoạch sử dụng đất",
    "công tác bảo vệ môi trường", "hạ tầng giao thông nông thôn",
    "công tác tiếp công dân", "dữ liệu dân cư theo Đề án 06",
    "việc thu hồi nợ đọng thuế", "quản lý trật tự xây dựng",
    "chương trình nhà ở xã hội", "kế hoạch tuyển sinh",
    "công tác an toàn thực phẩm", "cơ sở dữ liệu đất đai",
    "giải ngân vốn đầu tư công", "phòng cháy, chữa cháy",
    "xử lý kiến nghị của cử tri", "chỉnh trang đô thị",
]  # fmt: skip
DETAILS = [
    "trên địa bàn", "theo chỉ đạo của Chủ tịch UBND tỉnh",
    "đảm bảo đúng quy định", "và báo cáo kết quả về UBND tỉnh",
    "giai đoạn 2026 - 2030", "trong năm", "theo kết luận của Tỉnh ủy",
    "đúng tiến độ đề ra", "kịp thời, hiệu quả",
]  # fmt: skip
NOTES = [
    "Đã ban hành kế hoạch triển khai", "Đang tổ chức thực hiện theo kế hoạch",
    "Đã tổ chức họp triển khai với các đơn vị liên quan",
    "Đang rà soát, tổng hợp số liệu", "Đã gửi văn bản xin ý kiến các sở, ngành",
    "Đang hoàn thiện dự thảo báo cáo", "Đã khảo sát thực địa",
    "Đã phân công cán bộ phụ trách", "Đang lấy ý kiến nhân dân",
]  # fmt: skip
DIFFICULTIES = [
    "Thiếu kinh phí thực hiện", "Nhân lực còn hạn chế",
    "Vướng mắc về thủ tục đất đai", "Chưa có hướng dẫn của bộ, ngành trung ương",
    "Thời tiết bất lợi",
]  # fmt: skip
PROPOSALS = [
    "Đề nghị UBND tỉnh bổ sung kinh phí", "Đề nghị gia hạn thời gian thực hiện",
    "Đề nghị Sở Tài chính hướng dẫn", "Đề nghị tăng cường phối hợp liên ngành",
]  # fmt: skip
RESULTS = [
    "Đã hoàn thành, có báo cáo kết quả gửi UBND tỉnh",
    "Đã ban hành văn bản triển khai theo chỉ đạo",
    "Đã tổ chức thực hiện xong, đạt kết quả theo yêu cầu",
    "Đã hoàn thành giải ngân, quyết toán",
]  # fmt: skip
DOC_KINDS = [
    ("official_letter", "UBND-{dept}"), ("decision", "QĐ-UBND"),
    ("directive", "CT-UBND"), ("plan", "KH-UBND"), ("announcement", "TB-UBND"),
]  # fmt: skip
DEPTS = ["TH", "KT", "VX", "NC", "XD", "NN", "KGVX"]
CATEGORIES = [
    "Kinh tế", "Tài chính - Ngân sách", "Đất đai", "Xây dựng", "Giáo dục",
    "Y tế", "Nội vụ", "Chuyển đổi số", "Nông nghiệp", "Môi trường",
    "Văn hóa - Xã hội", "Quốc phòng - An ninh",
]  # fmt: skip
# Deadline spans in days after assignment, as the Office usually gives them.
SPANS = [7, 10, 15, 15, 20, 30, 30, 30, 45, 60, 60, 90, 90, 180, 365]
URGENCY = ["normal"] * 85 + ["urgent"] * 10 + ["very_urgent"] * 4 + ["flash"]
KINDS = ["one_off"] * 16 + ["regular"] * 3 + ["periodic"]

NULL = "\\N"
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _txt(value):
    """A value in PostgreSQL COPY text format."""
    if value is None or value is False:
        return NULL
    if value is True:
        return "t"
    if isinstance(value, str):
        return value.translate(_ESCAPE)
    return str(value)


# Share of accounts with an e-mail address, by role: the province's leaders
# and Office work under their own names; units' accounts are often made for a
# post and have none (accounts without an address must work, issue 19).
EMAIL_SHARE = {
    "leader": 1.0,
    "officer": 1.0,
    "clerk": 1.0,
    "admin": 0.5,
    "staff": 0.3,
}


class _LineStream(io.RawIOBase):
    """File-like object that COPY reads, fed by an iterator of lines, so that
    Python builds rows while PostgreSQL stores the previous ones."""

    def __init__(self, lines):
        super().__init__()
        self._lines = iter(lines)
        self._buffer = b""

    def readable(self):
        return True

    def read(self, size=-1):
        chunks = [self._buffer]
        length = len(self._buffer)
        for line in self._lines:
            data = line.encode()
            chunks.append(data)
            length += len(data)
            if length >= size > 0:
                break
        data = b"".join(chunks)
        if size > 0:
            self._buffer = data[size:]
            return data[:size]
        self._buffer = b""
        return data


class _Sink:
    """Rows of one table written to a temporary file, copied in at the end."""

    def __init__(self, cr, table, columns, first_id):
        self.cr = cr
        self.table = table
        self.columns = columns
        self.next_id = first_id
        self.count = 0
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, *values):
        """Append a row (without its id); return the id it gets."""
        row_id = self.next_id
        self.next_id += 1
        self.count += 1
        self._file.write(f"{row_id}\t" + "\t".join(map(_txt, values)) + "\n")
        return row_id

    def copy(self):
        self._file.seek(0)
        _copy_from(self.cr, self.table, ("id",) + self.columns, self._file, 1 << 20)
        self._file.close()
        _set_sequence(self.cr, self.table)


def _copy_from(cr, table, columns, stream, size):
    """COPY ``table`` (``columns``) FROM the file-like ``stream``."""
    query = SQL(
        "COPY %s (%s) FROM STDIN",
        SQL.identifier(table),
        SQL(", ").join(SQL.identifier(column) for column in columns),
    )
    # copy_expert takes plain text: identifiers only, no parameter to bind.
    assert not query.params
    cr.copy_expert(query.code, stream, size=size)


def _next_id(cr, table):
    cr.execute(SQL("SELECT COALESCE(MAX(id), 0) + 1 FROM %s", SQL.identifier(table)))
    return cr.fetchone()[0]


def _set_sequence(cr, table):
    cr.execute(
        SQL(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
            " (SELECT COALESCE(MAX(id), 0) + 1 FROM %s), false)",
            table,
            SQL.identifier(table),
        )
    )


def _catalog_sql(definition):
    """A definition that PostgreSQL itself wrote (pg_get_indexdef,
    pg_get_constraintdef) as SQL code: no parameter, ``%`` kept literally."""
    return SQL(definition.replace("%", "%%"))


@contextmanager
def _bulk_load(cr, tables):
    """Drop the secondary indexes, unique and foreign key constraints of the
    tables while they are loaded, and rebuild them afterwards: one index build
    and one validating join per constraint are far cheaper than maintaining
    them row by row (foreign keys are checked by a trigger per row)."""
    cr.execute(
        SQL(
            """SELECT rel.relname, c.conname, pg_get_constraintdef(c.oid), c.contype
                 FROM pg_constraint c
                 JOIN pg_class rel ON rel.oid = c.conrelid
                WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')""",
            list(tables),
        )
    )
    constraints = cr.fetchall()
    for table, name, _definition, _kind in constraints:
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT %s",
                SQL.identifier(table),
                SQL.identifier(name),
            )
        )
    cr.execute(
        SQL(
            """SELECT idx.relname, pg_get_indexdef(i.indexrelid)
                 FROM pg_index i
                 JOIN pg_class idx ON idx.oid = i.indexrelid
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary""",
            list(tables),
        )
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
    yield
    for _name, definition in indexes:
        cr.execute(_catalog_sql(definition))
    # Unique constraints first: foreign keys may rely on them.
    for table, name, definition, _kind in sorted(
        constraints, key=lambda c: c[3] != "u"
    ):
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD CONSTRAINT %s %s",
                SQL.identifier(table),
                SQL.identifier(name),
                _catalog_sql(definition),
            )
        )


class Generator:
    """Builds the data set; ``run()`` does everything in the current
    transaction and returns statistics.  The caller commits."""

    def __init__(self, env, **options):
        self.env = env
        self.cr = env.cr
        self.units = options.get("units", 10000)
        self.tasks = options.get("tasks", 1000000)
        self.accounts = options.get("accounts", 1000)
        self.sources = options.get("sources") or max(1, self.tasks // 50)
        self.provinces = options.get("provinces") or max(1, round(self.units / 294))
        self.updates_per_task = options.get("updates_per_task", 3.0)
        self.password = options.get("password", "directive")
        # Tests generate next to the demo data; real runs want an empty base.
        self.allow_existing = options.get("allow_existing", False)
        self.rng = random.Random(options.get("seed", 17))
        # Addresses are drawn apart, so that the rest of the data set stays
        # the same whatever share of accounts has one.
        self.email_rng = random.Random(f"emails-{options.get('seed', 17)}")
        self.email_share = options.get("email_share", EMAIL_SHARE)
        # "Today" as the add-on's daily job sees it: in the working
        # calendar's time zone (Vietnam's), which is a day ahead of the
        # server's UTC date every evening.
        today = options.get("today") or env["directive.task"]._calendar_today()
        self.today = today.toordinal()
        self.first_day = self.today - 3 * 365  # sources of the last 3 years
        self._date_text = {}
        self.company_id = env.company.id
        self.stats = {}
        self.timings = []
        # Per province: {"root", "office", "agencies", "communes", "offices"}
        # (unit ids) and the accounts by role.
        self.tree = []
        self.unit_parent = {}
        self.unit_author = {}
        self._update_mean = 1.8

    # ------------------------------------------------------------- helpers
    def day(self, ordinal):
        """ISO text of a day given as an ordinal (cached: a few thousand)."""
        text = self._date_text.get(ordinal)
        if text is None:
            text = self._date_text[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def stamp(self, ordinal):
        return None if ordinal is None else self.day(ordinal) + " 08:00:00"

    @contextmanager
    def step(self, name):
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings.append((name, elapsed))
        _logger.info("%s: %.1f s", name, elapsed)

    def person(self):
        rng = self.rng
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def sentence(self):
        rng = self.rng
        return f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {rng.choice(DETAILS)}"

    # ----------------------------------------------------------------- run
    def run(self):
        if not self.allow_existing and self.env["directive.task"].search_count(
            [], limit=1
        ):
            raise ValueError("the database already has tasks; use an empty one")
        if self.tasks < self.sources:
            raise ValueError("--tasks must be at least --sources")
        cr = self.cr
        # Bigger sort memory for the index builds of the bulk load.
        cr.execute(SQL("SET LOCAL maintenance_work_mem = '1GB'"))
        cr.execute(SQL("SET LOCAL work_mem = '256MB'"))
        self.env.flush_all()
        with self.step("units"):
            self._make_units()
        with self.step("accounts"):
            self._make_accounts()
        with self.step("sources"):
            self._make_sources()
        with self.step("tasks and their records"):
            self._make_tasks()
        with self.step("followers"):
            self._make_followers()
        with self.step("timeliness refresh (model)"):
            self.env.invalidate_all()
            changed = self.env["directive.task"]._refresh_all_timeliness(
                date.fromordinal(self.today)
            )
        self.stats["timeliness rows changed by the refresh"] = changed
        self.env.invalidate_all()
        return self.stats

    # --------------------------------------------------------------- units
    def _levels(self):
        ref = self.env.ref
        return {
            code: ref(f"directive_tracking.unit_level_{code}")
            for code in ("province", "agency", "commune", "commune_office")
        }

    def _province_plan(self):
        """Agencies and communes per province, and the commune offices of
        each province (they take the rest, so that --units is exact)."""
        per_province = self.units / self.provinces
        agencies = max(2, round(per_province * 0.07))
        communes = max(1, round(per_province * 0.33))
        rest = max(0, self.units - self.provinces * (1 + agencies + communes))
        offices = [
            rest // self.provinces + (p < rest % self.provinces)
            for p in range(self.provinces)
        ]
        return agencies, communes, offices

    def _make_units(self):
        levels = self._levels()
        cr = self.cr
        first = _next_id(cr, "directive_unit")
        sink = _Sink(
            cr,
            "directive_unit",
            (
                "name", "short_name", "code", "complete_name", "level_id",
                "parent_id", "parent_path", "sequence", "company_id",
                "date_start", "active", "create_uid", "write_uid",
                "create_date", "write_date",
            ),
            first,
        )  # fmt: skip
        start = self.stamp(self.first_day)
        uid = self.env.uid

        def add(name, short, code, level, parent, sequence):
            parent_row = parent and self.unit_parent[parent]
            unit_id = sink.next_id
            path = f"{parent_row[1] if parent else ''}{unit_id}/"
            complete = f"{parent_row[0]} / {name}" if parent else name
            sink.add(
                name, short, code, complete, levels[level].id, parent, path,
                sequence, self.company_id, "2025-07-01", True, uid, uid,
                start, start,
            )  # fmt: skip
            self.unit_parent[unit_id] = (complete, path, parent)
            return unit_id

        agencies, communes, offices = self._province_plan()
        for p in range(self.provinces):
            self.tree.append(
                self._province_units(add, p, agencies, communes, offices[p])
            )
        sink.copy()
        self.stats["units"] = sink.count

    def _province_units(self, add, p, agencies, communes, offices):
        province = PROVINCES[p % len(PROVINCES)]
        if p >= len(PROVINCES):
            province = f"{province} {p // len(PROVINCES) + 1}"
        code = f"G{p + 1:02d}"
        root = add(f"UBND tỉnh {province}", "UBND tỉnh", code, "province", None, 1)
        units = {"name": province, "root": root, "agencies": [], "communes": []}
        units["offices"] = {}
        for a in range(agencies):
            name, short = AGENCIES[a % len(AGENCIES)]
            if a >= len(AGENCIES):
                name, short = f"{name} {a // len(AGENCIES) + 1}", f"{short}{a}"
            unit = add(name, short, f"{code}.A{a + 1:02d}", "agency", root, 10 + a)
            units["agencies"].append(unit)
        units["office"] = units["agencies"][0]
        for c in range(communes):
            kind = "Phường" if c % 4 == 0 else "Xã"
            place = PLACES[c % len(PLACES)]
            if c >= len(PLACES):
                place = f"{place} {c // len(PLACES) + 1}"
            unit = add(
                f"{kind} {place}", place, f"{code}.X{c + 1:03d}", "commune", root,
                100 + c,
            )  # fmt: skip
            units["communes"].append(unit)
            units["offices"][unit] = []
        for o in range(offices):
            commune = units["communes"][o % communes]
            k = o // communes
            name = COMMUNE_OFFICES[k % len(COMMUNE_OFFICES)]
            if k >= len(COMMUNE_OFFICES):
                name = f"{name} {k // len(COMMUNE_OFFICES) + 1}"
            commune_name = self.unit_parent[commune][0].split(" / ")[-1]
            name = f"{name} {commune_name[0].lower()}{commune_name[1:]}"
            unit = add(
                name, None, f"{code}.X{o % communes + 1:03d}.{k + 1}",
                "commune_office", commune, 200 + k,
            )  # fmt: skip
            units["offices"][commune].append(unit)
        return units

    # ------------------------------------------------------------ accounts
    def _account_wishes(self):
        """(province index, unit, role) in the order accounts are handed out:
        the province's leaders and Office first, then one focal point per
        agency, per commune, then staff, within the quotas."""
        levels = self._levels()
        quota = {
            "province": levels["province"].account_quota,
            "agency": levels["agency"].account_quota,
            "commune": levels["commune"].account_quota,
            "commune_office": levels["commune_office"].account_quota,
        }
        tiers = []
        for p, units in enumerate(self.tree):
            tier = [(p, units["root"], "leader")] * min(2, quota["province"])
            office_roles = ["officer", "officer", "clerk", "officer", "officer"]
            tier += [(p, units["office"], r) for r in office_roles[: quota["agency"]]]
            tiers.append((0, p, tier))
            tiers.append((1, p, [(p, u, "admin") for u in units["agencies"][1:]]))
            tiers.append((2, p, [(p, u, "admin") for u in units["communes"]]))
            staff = [(p, u, "staff") for u in units["agencies"][1:]]
            tiers.append((3, p, staff * max(0, quota["agency"] - 1)))
            offices = [u for os_ in units["offices"].values() for u in os_]
            tiers.append((4, p, [(p, u, "staff") for u in offices]))
        wishes = []
        for rank in range(5):
            # Round-robin over the provinces so that a small --accounts still
            # gives every province its leaders and Office.
            lists = [tier for r, _p, tier in tiers if r == rank]
            longest = max((len(t) for t in lists), default=0)
            for i in range(longest):
                wishes += [t[i] for t in lists if i < len(t)]
        return wishes[: self.accounts]

    def _make_accounts(self):
        groups = {
            "leader": "group_leader",
            "officer": "group_officer",
            "clerk": "group_clerk",
            "admin": "group_unit_admin",
            "staff": "group_unit_staff",
        }
        ref = self.env.ref
        vals_list = []
        wishes = self._account_wishes()
        for n, (p, unit, role) in enumerate(wishes):
            group = ref(f"directive_tracking.{groups[role]}")
            login = f"g{p + 1:02d}.{role}.{n + 1}"
            vals_list.append(
                {
                    "name": self.person(),
                    "login": login,
                    "email": (
                        f"{login}@example.gov.vn"
                        if self.email_rng.random() < self.email_share[role]
                        else False
                    ),
                    "unit_id": unit,
                    "group_ids": [(6, 0, [group.id])],
                    "lang": "vi_VN" if self._has_vietnamese() else "en_US",
                    "tz": "Asia/Ho_Chi_Minh",
                }
            )
        users = (
            self.env["res.users"]
            .with_context(
                no_reset_password=True,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
            )
            .create(vals_list)
        )
        # One hash for every account: hashing a thousand passwords would take
        # minutes (the hash is deliberately slow).
        hashed = users._crypt_context().hash(self.password)
        self.env.flush_all()
        self.cr.execute(
            SQL(
                "UPDATE res_users SET password = %s WHERE id IN %s",
                hashed,
                tuple(users.ids),
            )
        )
        for user, (p, unit, role) in zip(users, wishes, strict=True):
            self.tree[p].setdefault(role, []).append(user.id)
            if role != "leader":
                self.unit_author.setdefault(unit, user.id)
        for units in self.tree:
            if not units.get("leader") or not units.get("officer"):
                raise ValueError(
                    "too few --accounts: every province needs its leaders and "
                    "Office officers"
                )
        self.stats["accounts"] = len(users)

    def _has_vietnamese(self):
        if not hasattr(self, "_vi"):
            self._vi = bool(self.env["res.lang"]._get_code("vi_VN"))
        return self._vi

    def author(self, unit, province):
        """An account that reports for ``unit``: its own, its parent's, or an
        Office officer who enters reports on the unit's behalf."""
        user = self.unit_author.get(unit)
        if user is None:
            parent = self.unit_parent[unit][2]
            user = self.unit_author.get(parent) or self.rng.choice(
                self.tree[province]["officer"]
            )
            self.unit_author[unit] = user
        return user

    # -------------------------------------------------------------- sources
    def _make_sources(self):
        rng = self.rng
        cr = self.cr
        sink = _Sink(
            cr,
            "directive_source",
            (
                "source_type", "number", "issue_date", "document_type", "issuer",
                "signer", "excerpt", "urgency", "meeting_name", "meeting_date",
                "chaired_by", "date", "leader_id", "company_id", "create_uid",
                "write_uid", "create_date", "write_date",
            ),
            _next_id(cr, "directive_source"),
        )  # fmt: skip
        self.source_rows = []
        numbers = {}
        span = self.today - 1 - self.first_day
        for s in range(self.sources):
            p = s % self.provinces
            units = self.tree[p]
            day = self.first_day + int(span * rng.random() ** 0.8)
            leader = rng.choice(units["leader"])
            officer = rng.choice(units["officer"])
            urgency = rng.choice(URGENCY)
            excerpt = f"Về việc {self.sentence().lower()}"
            if rng.random() < 0.85:
                kind, symbol = rng.choice(DOC_KINDS)
                year = date.fromordinal(day).year
                number = numbers[p, year] = numbers.get((p, year), 0) + 1
                number = f"{number}/{symbol.format(dept=rng.choice(DEPTS))}"
                values = (
                    "document", number, self.day(day), kind,
                    f"UBND tỉnh {units['name']}", self.person(), excerpt, urgency,
                    None, None, None,
                )  # fmt: skip
            else:
                month = date.fromordinal(day).strftime("%m/%Y")
                meeting = rng.choice(
                    [
                        f"Phiên họp thường kỳ UBND tỉnh tháng {month}",
                        f"Hội nghị giao ban về {rng.choice(TOPICS)}",
                        f"Cuộc họp nghe báo cáo {rng.choice(TOPICS)}",
                    ]
                )
                values = (
                    "meeting", None, None, "other", None, None, excerpt, urgency,
                    meeting, self.day(day), self.person(),
                )  # fmt: skip
            stamp = self.stamp(day)
            source_id = sink.add(
                *values, self.day(day), leader, self.company_id, officer, officer,
                stamp, stamp,
            )  # fmt: skip
            self.source_rows.append((source_id, p, day, leader, officer, urgency))
        sink.copy()
        self.stats["sources"] = sink.count

    # ---------------------------------------------------------------- tasks
    def _task_counts(self):
        """Tasks per source: heavy-tailed (most sources have a few tasks, some
        are sent to every commune), summing to --tasks."""
        rng = self.rng
        weights = [rng.lognormvariate(0, 1.3) for _ in range(self.sources)]
        spare = self.tasks - self.sources
        total = sum(weights)
        counts = [1 + int(w / total * spare) for w in weights]
        missing = self.tasks - sum(counts)
        for i in range(missing):
            counts[i % self.sources] += 1
        return counts

    def _unit_pickers(self):
        """Per province, cumulative weights to pick lead units: a few units
        get many tasks (Zipf-like), as in real life."""
        pickers = []
        for units in self.tree:
            lead = units["agencies"] + units["communes"]
            weights = [1 / (rank + 1) ** 0.5 for rank in range(len(lead))]
            self.rng.shuffle(weights)
            cumulative, total = [], 0.0
            for w in weights:
                total += w
                cumulative.append(total)
            pickers.append((lead, cumulative))
        return pickers

    def _make_tasks(self):
        cr = self.cr
        env = self.env
        sequence = env["ir.sequence"].search([("code", "=", "directive.task")], limit=1)
        self.code_next = sequence.number_next_actual if sequence else 1
        self.sinks = {
            "coordination": _Sink(
                cr,
                "directive_task_coordination",
                (
                    "task_id", "unit_id", "deadline", "last_update_date",
                    "progress", "company_id", "create_uid", "write_uid",
                    "create_date", "write_date", "first_update_date",
                ),
                _next_id(cr, "directive_task_coordination"),
            ),
            "update": _Sink(
                cr,
                "directive_task_update",
                (
                    "task_id", "coordination_id", "date", "note", "progress",
                    "difficulties", "proposals", "author_id", "unit_id",
                    "company_id", "create_uid", "write_uid", "create_date",
                    "write_date",
                ),
                _next_id(cr, "directive_task_update"),
            ),
            "extension": _Sink(
                cr,
                "directive_task_extension",
                (
                    "task_id", "reason", "current_deadline", "proposed_date",
                    "request_date", "requested_by_id", "unit_id", "leader_id",
                    "state", "decision_date", "decided_by_id", "refusal_reason",
                    "company_id", "create_uid", "write_uid", "create_date",
                    "write_date",
                ),
                _next_id(cr, "directive_task_extension"),
            ),
            "completion": _Sink(
                cr,
                "directive_task_completion",
                (
                    "task_id", "date", "result", "author_id", "unit_id", "state",
                    "decision_date", "decided_by_id", "return_reason",
                    "company_id", "create_uid", "write_uid", "create_date",
                    "write_date",
                ),
                _next_id(cr, "directive_task_completion"),
            ),
        }  # fmt: skip
        self.categories = self._categories()
        self.task_next = self.first_task_id = _next_id(cr, "directive_task")
        self.updates_made = 0
        self.tasks_made = 0
        tables = [
            "directive_task", "directive_task_coordination",
            "directive_task_update", "directive_task_extension",
            "directive_task_completion",
        ]  # fmt: skip
        with _bulk_load(cr, tables):
            cr.execute(
                SQL(
                    "CREATE TEMP TABLE generated_task (LIKE directive_task)"
                    " ON COMMIT DROP"
                )
            )
            _copy_from(
                cr, "generated_task", TASK_COLUMNS, _LineStream(self._task_lines()),
                1 << 18,
            )  # fmt: skip
            self._insert_tasks()
            cr.execute(SQL("DROP TABLE generated_task"))
            for sink in self.sinks.values():
                sink.copy()
        if sequence:
            sequence.write({"number_next": self.code_next})
        self.stats["tasks"] = self.tasks_made
        for name, sink in self.sinks.items():
            self.stats[f"{name} records"] = sink.count
        self.stats["updates per task"] = round(
            self.sinks["update"].count / max(1, self.tasks_made), 2
        )

    def _make_followers(self):
        """The lead unit's focal points follow each generated task assigned
        to it, as the assignment subscribes them (directive.task
        ``_subscribe_unit_focal_points``), with the default subtypes. Without
        them the followers' table is empty, as no deployment's is: the daily
        reminders would subscribe every focal point anew, and PostgreSQL
        would check each new subtype row against a table it planned as
        empty, one sequential scan per row."""
        focal = self.env.ref("directive_tracking.group_unit_admin")
        Subtype = self.env["mail.message.subtype"]
        subtypes = Subtype.default_subtypes("directive.task")[0]
        self.cr.execute(
            SQL(
                """WITH followers AS (
                       INSERT INTO mail_followers (res_model, res_id, partner_id)
                       SELECT DISTINCT 'directive.task', t.id, u.partner_id
                         FROM directive_task t
                         JOIN res_users u
                           ON u.unit_id = t.lead_unit_id AND u.active
                         JOIN res_groups_users_rel g
                           ON g.uid = u.id AND g.gid IN %(focal)s
                        WHERE t.id >= %(first_task)s AND t.state <> 'draft'
                       ON CONFLICT DO NOTHING
                       RETURNING id
                   ), subtypes AS (
                       INSERT INTO mail_followers_mail_message_subtype_rel
                              (mail_followers_id, mail_message_subtype_id)
                       SELECT followers.id, subtype
                         FROM followers, unnest(%(subtypes)s) AS subtype
                   )
                   SELECT count(*) FROM followers""",
                first_task=self.first_task_id,
                focal=tuple(focal.all_implied_by_ids.ids),
                subtypes=subtypes.ids,
            )
        )
        self.stats["task followers"] = self.cr.fetchone()[0]

    def _categories(self):
        Category = self.env["directive.task.category"]
        existing = Category.search([])
        if len(existing) >= 5:
            return existing.ids
        return Category.create([{"name": name} for name in CATEGORIES]).ids

    def _insert_tasks(self):
        """Move the generated tasks into directive_task, computing their
        timeliness with the model's own SQL rule on the way."""
        Task = self.env["directive.task"]
        current = {"deadline": "t.deadline", "done": "t.state = 'done'"}
        params = Task._timeliness_params(date.fromordinal(self.today))
        # The model's rule is SQL text with named parameters (%(cutoff)s...).
        exprs = {
            column: SQL(expr.format(**current), **params)
            for column, expr in Task._timeliness_sql().items()
        }
        self.cr.execute(
            SQL(
                """INSERT INTO directive_task (%s, %s)
                   SELECT %s, %s FROM generated_task t ORDER BY t.id""",
                SQL(", ").join(map(SQL.identifier, TASK_COLUMNS)),
                SQL(", ").join(map(SQL.identifier, exprs)),
                SQL(", ").join(SQL.identifier("t", c) for c in TASK_COLUMNS),
                SQL(", ").join(exprs.values()),
            )
        )
        _set_sequence(self.cr, "directive_task")

    def _task_lines(self):
        counts = self._task_counts()
        pickers = self._unit_pickers()
        for source, count in zip(self.source_rows, counts, strict=True):
            tasks = self._source_tasks(source, count, pickers[source[1]])
            for task in tasks:
                yield task.line(self)
            self.tasks_made += len(tasks)
            target = self.updates_per_task * (self.tasks_made + 1000)
            made = self.sinks["update"].count + self.updates_per_task * 1000
            # Gentle feedback so that the average lands on --updates-per-task.
            self._update_mean = min(
                6.0, max(0.2, self._update_mean * (target / made) ** 0.05)
            )

    def _pick_units(self, source, count, picker):
        rng = self.rng
        units = self.tree[source[1]]
        communes = units["communes"]
        if count >= 30 and rng.random() < 0.6:
            # A directive sent to every commune (and the agencies).
            picked = rng.sample(communes, min(count, len(communes)))
            lead, cumulative = picker
            picked += rng.choices(lead, cum_weights=cumulative, k=count - len(picked))
            return picked
        lead, cumulative = picker
        return rng.choices(lead, cum_weights=cumulative, k=count)

    def _source_tasks(self, source, count, picker):
        tasks = []
        lead_units = self._pick_units(source, count, picker)
        offices = self.tree[source[1]]["offices"]
        rng = self.rng
        i = 0
        while len(tasks) < count:
            unit = lead_units[i]
            i += 1
            parent = self._new_task(source, unit, None)
            tasks.append(parent)
            below = offices.get(unit)
            if not below or parent.state in ("draft", "cancelled", "transferred"):
                continue
            if rng.random() < 0.08:
                room = count - len(tasks)
                n = min(room, rng.randint(1, min(3, len(below))))
                children = [
                    self._new_task(source, office, parent)
                    for office in rng.sample(below, n)
                ]
                parent.add_children(children)
                tasks.extend(children)
        return tasks

    def _new_task(self, source, unit, parent):
        task = _Task(self, source, unit, parent)
        task.plan(self)
        return task


TASK_COLUMNS = (
    "id", "code", "name", "expected_result", "source_id", "leader_id",
    "officer_id", "lead_unit_id", "kind", "category_id", "urgency",
    "has_deadline", "deadline", "original_deadline", "previous_deadline",
    "extension_count", "overdue_days_recorded", "parent_id", "subtask_count",
    "subtask_done_count", "state", "assign_date", "reported_progress",
    "progress", "last_update_date", "completion_date", "confirm_date",
    "result", "difficulties", "proposals", "company_id", "create_uid",
    "write_uid", "create_date", "write_date", "pause_date", "cancel_date",
    "transfer_date", "awaiting_completion_report",
)  # fmt: skip
EXCLUDED = ("draft", "cancelled", "transferred")


class _Task:
    """One generated task and its history (updates, reports, extensions)."""

    __slots__ = (
        "id", "source", "unit", "parent", "province", "name", "expected",
        "kind", "category", "officer", "has_deadline", "deadline",
        "original_deadline", "previous_deadline", "extension_count",
        "overdue_recorded", "state", "assign", "reported_progress", "progress",
        "last_update", "completion_date", "confirm_date", "result",
        "difficulties", "proposals", "subtask_count", "subtask_done_count",
        "code", "end", "children_progress",
    )  # fmt: skip

    def __init__(self, gen, source, unit, parent):
        rng = gen.rng
        self.id = gen.task_next
        gen.task_next += 1
        self.source = source
        self.unit = unit
        self.parent = parent
        self.province = source[1]
        if parent:
            self.name = f"{parent.name} (phần việc của đơn vị)"
            self.kind = parent.kind
            self.category = parent.category
            self.officer = parent.officer
        else:
            self.name = gen.sentence()
            self.kind = rng.choice(KINDS)
            self.category = rng.choice(gen.categories)
            self.officer = rng.choice(gen.tree[self.province]["officer"])
        self.expected = "Báo cáo kết quả thực hiện" if rng.random() < 0.5 else None
        self.previous_deadline = None
        self.extension_count = 0
        self.overdue_recorded = 0
        self.last_update = None
        self.completion_date = self.confirm_date = None
        self.result = self.difficulties = self.proposals = None
        self.subtask_count = self.subtask_done_count = 0
        self.reported_progress = 0
        self.code = None
        self.children_progress = None

    # ---------------------------------------------------------- lifecycle
    def plan(self, gen):
        rng = gen.rng
        today = gen.today
        parent = self.parent
        source_day = self.source[2]
        if parent:
            self.has_deadline = parent.has_deadline
            self.assign = min(today, parent.assign + rng.randint(1, 5))
            self.original_deadline = parent.deadline
        else:
            self.has_deadline = rng.random() >= 0.10
            self.assign = min(today, source_day + rng.randint(0, 6))
            self.original_deadline = self.assign + rng.choice(SPANS)
        if not self.has_deadline:
            self.original_deadline = None
        elif self.original_deadline < self.assign:
            self.original_deadline = self.assign + 3
        self.deadline = self.original_deadline
        self.progress = 0
        code_day = self.assign
        if not parent and today - source_day < 20 and rng.random() < 0.2:
            self.state = "draft"
            self.assign = None
            code_day = source_day
        else:
            self._live(gen)
        self.code = f"NV{date.fromordinal(code_day).year}-{gen.code_next:06d}"
        gen.code_next += 1
        if self.state != "draft":
            self._coordinations(gen)

    def _live(self, gen):
        """Decide what happened to an assigned task up to today."""
        rng = gen.rng
        fate = rng.random()
        if fate < 0.025:
            self.state = "cancelled" if fate < 0.02 else "transferred"
            self.end = min(gen.today, self.assign + rng.randint(1, 60))
            self._updates(gen, self.assign, self.end, rng.randint(0, 2))
            return
        if fate < 0.085:
            # A task the unit let slip: a few updates, then nothing.
            self.end = min(gen.today, self.assign + rng.randint(5, 150))
            finish = None
        else:
            finish = self._planned_finish(rng)
            self.end = min(gen.today, finish)
        self._extensions(gen, finish)
        if finish is not None and finish <= gen.today:
            self._finish(gen, finish)
        else:
            self._open(gen)

    def _planned_finish(self, rng):
        assign = self.assign
        if not self.has_deadline:
            return assign + rng.randint(10, 300)
        if rng.random() < 0.25:  # late
            return self.original_deadline + rng.randint(1, 75)
        early = int((self.original_deadline - assign) * rng.random() * 0.6)
        return max(assign + 1, self.original_deadline - early)

    def _extensions(self, gen, finish):
        rng = gen.rng
        if not self.has_deadline:
            return
        leader = self.source[3]
        author = gen.author(self.unit, self.province)
        late = finish is None or finish > self.original_deadline
        wanted = 0
        if late and rng.random() < 0.45:
            wanted = 2 if rng.random() < 0.2 else 1
        for _i in range(wanted):
            request = max(self.assign + 1, self.deadline - rng.randint(0, 10))
            decision = request + rng.randint(0, 5)
            proposed = self.deadline + rng.randint(15, 60)
            limit = gen.today if finish is None else min(gen.today, finish - 1)
            if request > limit:
                return
            values = (rng.choice(PROPOSALS), self.deadline, proposed, request)
            if decision > limit:
                if finish is None or finish > gen.today:
                    self._extension_row(gen, values, author, None, None, None)
                return
            self._extension_row(gen, values, author, "approved", decision, leader)
            if decision > self.deadline:
                self.overdue_recorded += decision - self.deadline
            self.previous_deadline = self.deadline
            self.deadline = proposed
            self.extension_count += 1
        if not wanted and rng.random() < 0.03:
            request = self.assign + 1
            decision = request + rng.randint(0, 5)
            if (
                decision < min(gen.today, finish or gen.today)
                and request < self.deadline
            ):
                values = (
                    rng.choice(PROPOSALS),
                    self.deadline,
                    self.deadline + 30,
                    request,
                )
                self._extension_row(gen, values, author, "refused", decision, leader)

    def _extension_row(self, gen, values, author, state, decision, leader):
        reason, current, proposed, request = values
        refusal = "Không đủ căn cứ gia hạn" if state == "refused" else None
        gen.sinks["extension"].add(
            self.id, reason, gen.day(current), gen.day(proposed), gen.day(request),
            author, self.unit, self.source[3], state or "requested",
            decision and gen.day(decision), leader, refusal, gen.company_id,
            author, leader or author, gen.stamp(request),
            gen.stamp(decision or request),
        )  # fmt: skip

    def _finish(self, gen, finish):
        """Completion reported on ``finish``: confirmed or still waiting."""
        rng = gen.rng
        author = gen.author(self.unit, self.province)
        start = self.assign
        if rng.random() < 0.08 and finish - start > 10:
            # A first report the Office returned; the clock kept running.
            returned_on = finish - rng.randint(3, min(20, finish - start - 2))
            self._updates(gen, start, returned_on, None)
            self._report(
                gen, returned_on, author, "returned", returned_on + 1,
                rng.choice(RESULTS),
            )  # fmt: skip
        else:
            self._updates(gen, start, finish, None)
        lag = rng.randint(0, 7)
        result = rng.choice(RESULTS)
        self.result = result
        self.last_update = max(self.last_update or finish, finish)
        if finish + lag <= gen.today:
            self.state = "done"
            self.completion_date = finish
            self.confirm_date = finish + lag
            self.reported_progress = 100
            self._report(gen, finish, author, "confirmed", finish + lag, result)
        else:
            self.state = "to_confirm"
            self._report(gen, finish, author, "submitted", None, result)

    def _report(self, gen, day, author, state, decision, result):
        return_reason = "Chưa đủ hồ sơ kết quả" if state == "returned" else None
        gen.sinks["completion"].add(
            self.id, gen.day(day), result, author,
            self.unit, state, decision and gen.day(decision),
            decision and self.officer, return_reason, gen.company_id, author,
            self.officer if decision else author, gen.stamp(day),
            gen.stamp(decision or day),
        )  # fmt: skip
        # The report is the task's latest news, whatever becomes of it.
        self.result = result
        self.last_update = max(self.last_update or day, day)

    def _open(self, gen):
        rng = gen.rng
        today = gen.today
        if (today - self.assign <= 7 and rng.random() < 0.5) or rng.random() < 0.04:
            self.state = "assigned"  # not received yet
            return
        self.state = "in_progress"
        draw = rng.random()
        if draw < 0.02:
            self.state = "paused"
        elif draw < 0.05 and self.end - self.assign > 3:
            reported = self.end - rng.randint(1, min(30, self.end - self.assign - 1))
            self._updates(gen, self.assign, reported, None)
            author = gen.author(self.unit, self.province)
            decision = min(today, reported + rng.randint(0, 3))
            self.result = rng.choice(RESULTS)
            self._report(gen, reported, author, "returned", decision, self.result)
            self.state = "returned"
            return
        self._updates(gen, self.assign, self.end + 1, None, at_least=1)

    def _updates(self, gen, start, end, count, at_least=0, coordination=None):
        """Progress updates between ``start`` and ``end`` (excluded)."""
        rng = gen.rng
        if count is None:
            count = 1 + int(rng.expovariate(1 / gen._update_mean))
        count = max(at_least, min(count, 15, max(0, end - start)))
        if not count:
            return
        days = sorted(rng.randint(start, end - 1) for _ in range(count))
        steps = sorted(rng.randint(5, 95) for _ in range(count))
        unit = coordination[1] if coordination else self.unit
        author = gen.author(unit, self.province)
        sink = gen.sinks["update"]
        for day, progress in zip(days, steps, strict=True):
            difficulties = rng.choice(DIFFICULTIES) if rng.random() < 0.15 else None
            proposals = rng.choice(PROPOSALS) if rng.random() < 0.1 else None
            stamp = gen.stamp(day)
            sink.add(
                self.id, coordination and coordination[0], gen.day(day),
                rng.choice(NOTES), progress, difficulties, proposals, author, unit,
                gen.company_id, author, author, stamp, stamp,
            )  # fmt: skip
            if not coordination:
                self.reported_progress = progress
                self.difficulties = difficulties or self.difficulties
                self.proposals = proposals or self.proposals
        if coordination:
            return days[0], days[-1], steps[-1]
        self.last_update = max(self.last_update or days[-1], days[-1])

    def _coordinations(self, gen):
        rng = gen.rng
        if self.parent or rng.random() >= 0.18:
            return
        units = gen.tree[self.province]
        pool = units["agencies"][1:] or units["agencies"]
        chosen = {u for u in rng.sample(pool, min(len(pool), rng.randint(1, 3)))}
        chosen.discard(self.unit)
        sink = gen.sinks["coordination"]
        stamp = gen.stamp(self.assign)
        for unit in sorted(chosen):
            line_id = sink.next_id
            last = None
            if self.state != "assigned":
                last = self._updates(
                    gen, self.assign, self.end, rng.randint(0, 2),
                    coordination=(line_id, unit),
                )  # fmt: skip
            first_day, last_day, progress = last or (None, None, 0)
            sink.add(
                self.id, unit, self.deadline and gen.day(self.deadline),
                last_day and gen.day(last_day), progress, gen.company_id,
                self.officer, self.officer, stamp, gen.stamp(last_day) or stamp,
                first_day and gen.day(first_day),
            )  # fmt: skip

    # ------------------------------------------------------------ sub-tasks
    def add_children(self, children):
        counted = [c for c in children if c.state not in EXCLUDED]
        self.subtask_count = len(counted)
        self.subtask_done_count = sum(1 for c in counted if c.state == "done")
        if counted:
            # Same expression as _compute_progress (Python's rounding).
            progress = [c.final_progress() for c in counted]
            self.children_progress = round(sum(progress) / len(progress))

    def final_progress(self):
        if self.state == "done":
            return 100
        if self.children_progress is not None:
            return self.children_progress
        return self.reported_progress

    def line(self, gen):
        """The task's row for COPY (children are final before their parent is
        written, so the rolled-up progress is known)."""
        self.progress = self.final_progress()
        source_id, _p, source_day, leader, _officer, urgency = self.source
        created = gen.stamp(self.assign or source_day)
        days = (self.assign or source_day, self.last_update, self.confirm_date)
        written = gen.stamp(max(day for day in days if day))
        values = (
            self.id, self.code, self.name, self.expected, source_id, leader,
            self.officer, self.unit, self.kind, self.category, urgency,
            "deadline" if self.has_deadline else "none",
            self.deadline and gen.day(self.deadline),
            self.original_deadline and gen.day(self.original_deadline),
            self.previous_deadline and gen.day(self.previous_deadline),
            self.extension_count, self.overdue_recorded,
            self.parent and self.parent.id, self.subtask_count,
            self.subtask_done_count, self.state,
            self.assign and gen.day(self.assign), self.reported_progress,
            self.progress, self.last_update and gen.day(self.last_update),
            self.completion_date and gen.day(self.completion_date),
            self.confirm_date and gen.day(self.confirm_date), self.result,
            self.difficulties, self.proposals, gen.company_id, self.officer,
            self.officer, created, written,
            # The day of the event that put the task in its state: a pause
            # after its last update, a cancellation or transfer at its end.
            self.state == "paused"
            and gen.day(max(self.assign, self.last_update or self.assign)),
            self.state == "cancelled" and gen.day(self.end),
            self.state == "transferred" and gen.day(self.end),
            # Same expression as _compute_awaiting_completion_report (a
            # boolean the ORM stores as true or false, never NULL).
            "t"
            if self.subtask_count > 0
            and self.subtask_done_count == self.subtask_count
            and self.state in ("assigned", "in_progress", "returned")
            else "f",
        )  # fmt: skip
        return "\t".join(map(_txt, values)) + "\n"


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------
def _parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generate a national-size data set for directive_tracking."
    )
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--units", type=int, default=10000)
    parser.add_argument("--tasks", type=int, default=1000000)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--sources", type=int, help="default: tasks / 50")
    parser.add_argument("--provinces", type=int, help="default: units / 294")
    parser.add_argument("--updates-per-task", type=float, default=3.0)
    parser.add_argument("--password", default="directive")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--today", type=date.fromisoformat, help="reference date (default: today)"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    from odoo import SUPERUSER_ID, api, sql_db
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        ["-c", args.config, "-d", args.database, "--no-http"], setup_logging=True
    )
    logging.getLogger("directive_tracking.generate").setLevel(logging.INFO)
    started = time.perf_counter()
    registry = Registry(args.database)
    options = {
        key: value
        for key, value in vars(args).items()
        if key not in ("config", "database")
    }
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        generator = Generator(env, **options)
        stats = generator.run()
        cr.commit()
    vacuum_start = time.perf_counter()
    # Fresh statistics and visibility map, as autovacuum would leave them.
    connection = sql_db.db_connect(args.database)
    with connection.cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("VACUUM (ANALYZE)"))
        cr._cnx.autocommit = False
    generator.timings.append(("vacuum analyze", time.perf_counter() - vacuum_start))
    out = sys.stdout
    out.write(f"Generated in {args.database}:\n")
    for key, value in stats.items():
        out.write(f"  {key}: {value}\n")
    out.write("Timings:\n")
    for name, seconds in generator.timings:
        out.write(f"  {name}: {seconds:.1f} s\n")
    out.write(f"Total: {time.perf_counter() - started:.1f} s\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
