"""The query of the directive reports (Forms 1 to 3) and the rows it gives.

One SQL statement per form reads the tasks as they stood at the report's
cutoff (README, "State at the cutoff"); the rows are then shaped for
printing (block subtotals, totals, the coordinating units' part). The
report record (``models/directive_report.py``), the dashboard and the
analysis view reach it through the registry.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.directive_report_line import (
    COUNT_FIELDS,
    REPORT_BLOCKS,
    ROW_FIELDS,
    category_sum,
    empty_row,
)
from ..models.directive_task import CATEGORY_SUMS, CLOSED_STATES, EXCLUDED_STATES

BLOCK_ORDER = [key for key, _label in REPORT_BLOCKS]
# Units of these blocks are rows of Form 1 themselves; their sub-units count
# under them.
ROW_BLOCKS = ("agency", "commune")


def roman(number):
    """Roman numeral of the block headings (I, II, III...)."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


class ReportDirectiveQuery(models.AbstractModel):
    """The SQL builder and the row shaping of Forms 1 to 3."""

    _name = "report.directive_tracking.report_directive_query"
    _description = "Directive reports: query and rows"

    # ---------------------------------------------------------------- queries
    @api.private
    @api.model
    def rows_for(self, form, params):
        """The rows of ``form`` for the period, scope, cutoff and company of
        ``params`` (see ``directive.report._query_params``): what Form 1 to 3
        print and what the dashboard shows, from the same code. Not callable
        over RPC: the query reads the tasks without their record rules,
        within the scope its callers have checked."""
        # At today's date the categories stored on the tasks are the report's
        # own, provided the daily refresh has run today: read them instead of
        # reconstructing every task at the cutoff.
        Task = self.env["directive.task"]
        stored = (
            params["cutoff"]
            == Task._timeliness_stored_on()
            == fields.Date.context_today(self)
        )
        params = dict(
            params,
            excluded_states=EXCLUDED_STATES,
            closed_states=CLOSED_STATES,
            open_categories=CATEGORY_SUMS["open"],
            blocks=BLOCK_ORDER,
            row_blocks=ROW_BLOCKS,
        )
        if not stored:
            params.update(Task._timeliness_params(params["cutoff"]))
        self.env.flush_all()
        if form == "1":
            query = self._form1_query(stored)
        else:
            query = self._task_rows_query(stored, urging=form == "3")
        # PostgreSQL's JIT compilation costs more than it saves on this
        # one-off query over a year of tasks (about 1.2 s of 1.7 s measured
        # on a million tasks); switched off for this transaction only.
        self.env.cr.execute(SQL("SET LOCAL jit = off; %s", SQL(query, **params)))
        # One dictionary at a time, not every row twice (as fetched and as
        # printed): 80 MB less at the peak for a Form 2 of 100,000 tasks.
        columns = [column.name for column in self.env.cr.description]
        records = (
            dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()
        )
        if form == "1":
            return self._form1_rows(records)
        if form == "2":
            return self._form2_rows(records)
        records = list(records)
        if "horizon" not in params:
            params.update(Task._timeliness_params(params["cutoff"]))
        self.env.cr.execute(SQL(self._coordination_rows_query(), **params))
        columns = [column.name for column in self.env.cr.description]
        coordination = [
            dict(zip(columns, values, strict=True)) for values in self.env.cr.fetchall()
        ]
        return self._form3_rows(records, coordination)

    @api.model
    def _tasks_cte(self, stored=False):
        """CTEs ``t`` (the tasks as they stood at the cutoff), ``c`` (those of
        the period, with their category) and ``ru`` (the Form 1 row unit of
        each lead unit).

        At a cutoff D, a task is done if its completion was confirmed by D,
        its deadline is the last extension approved by D (else the original
        one), its last update is the last one dated by D; the categories
        themselves come from the task model's ``_timeliness_sql()`` so that
        the rule lives in one place. With ``stored``, the cutoff is today and
        the tasks' stored values are read as they are.
        """
        Task = self.env["directive.task"]
        if stored:
            at_cutoff, joins = self._stored_columns(), ""
            categories = ""
        else:
            at_cutoff, joins = self._columns_at_cutoff()
            current = {"deadline": "t.deadline_at", "done": "t.done_at"}
            categories = "".join(
                f", {expr.format(**current)} AS {column}"
                for column, expr in Task._timeliness_sql().items()
            )
        in_scope = "lead.parent_path LIKE %(scope_path)s"
        return f"""
            t AS (
                SELECT tk.id, tk.code, tk.name, tk.lead_unit_id, tk.source_id,
                       tk.leader_id, tk.officer_id, tk.has_deadline,
                       tk.assign_date, tk.completion_date, tk.original_deadline,
                       tk.result, {at_cutoff}
                  FROM directive_task tk
                  JOIN directive_unit lead ON lead.id = tk.lead_unit_id
                  {joins}
                 WHERE tk.company_id = %(company_id)s
                   AND {self._counted_at_cutoff_sql(stored)}
                   AND tk.assign_date <= %(cutoff)s
                   -- A sub-task counts in the task it was split from when
                   -- that one is in the scope (README, "Split tasks").
                   AND (tk.parent_id IS NULL
                        OR NOT EXISTS (
                            SELECT 1 FROM directive_task ptk
                              JOIN directive_unit plead
                                ON plead.id = ptk.lead_unit_id
                             WHERE ptk.id = tk.parent_id
                               AND {in_scope.replace("lead.", "plead.")}))
                   -- The scope and the period narrow the tasks before the
                   -- per-task joins: a deadline at the cutoff lies between
                   -- the original and the current deadline (extensions only
                   -- move it later), and the exact test is made in c.
                   AND {in_scope}
                   AND CASE WHEN %(membership)s = 'deadline'
                            THEN tk.has_deadline = 'deadline'
                                 AND COALESCE(tk.original_deadline, tk.deadline)
                                     <= %(date_to)s
                                 AND tk.deadline >= %(date_from)s
                            ELSE tk.assign_date BETWEEN %(date_from)s
                                                    AND %(date_to)s
                       END
            ),
            c AS (
                SELECT t.*{categories}
                  FROM t
                 WHERE CASE WHEN %(membership)s = 'deadline'
                            THEN t.has_deadline = 'deadline'
                                 AND t.deadline_at BETWEEN %(date_from)s
                                                       AND %(date_to)s
                            ELSE t.assign_date BETWEEN %(date_from)s AND %(date_to)s
                       END
            ),
            -- Materialized: one row-unit lookup per unit of the scope, not
            -- per task; not read from c, which stays inlined in the query.
            ru AS MATERIALIZED (
                SELECT lead.id AS lead_unit_id, top.id AS unit_id,
                       top.name AS unit_name, top.sequence AS unit_sequence,
                       top.report_block AS block
                  FROM directive_unit lead
                  {self._row_unit_join("lead")}
                 WHERE {in_scope}
            )
        """

    @api.model
    def _counted_at_cutoff_sql(self, stored=False):
        """Condition on ``tk``: the task counted at the cutoff.

        A task cancelled or transferred after the cutoff was still the
        unit's then: it counts, in the state it had. One closed before the
        dates were kept (no date) stays out, as it always did.
        """
        if stored:
            return "tk.state NOT IN %(excluded_states)s"
        return """(tk.state <> 'draft'
                   AND (tk.state NOT IN %(closed_states)s
                        OR COALESCE(tk.cancel_date, tk.transfer_date)
                           > %(cutoff)s))"""

    @api.model
    def _stored_columns(self):
        """Columns of ``t`` at today's cutoff: what the tasks store."""
        categories = ", ".join(
            f"tk.{column}" for column in self.env["directive.task"]._timeliness_sql()
        )
        return f"""
            tk.deadline AS deadline_at,
            COALESCE(tk.extension_count, 0) AS extension_count_at,
            tk.previous_deadline AS previous_deadline_at,
            COALESCE(tk.overdue_days_recorded, 0) AS overdue_days_recorded_at,
            tk.state = 'done' AS done_at,
            tk.last_update_date, tk.state, {categories}"""

    @api.model
    def _columns_at_cutoff(self):
        """Columns of ``t`` as the tasks stood at a cutoff, and the joins
        they read."""
        completion = self.env["directive.task.completion"]
        columns = """
            COALESCE(ext.proposed_date, tk.original_deadline, tk.deadline)
                AS deadline_at,
            ext.extension_count AS extension_count_at,
            ext.previous_deadline AS previous_deadline_at,
            COALESCE(ext.overdue_days, 0) AS overdue_days_recorded_at,
            COALESCE(tk.state = 'done'
                     AND tk.confirm_date <= %(cutoff)s, FALSE) AS done_at,
            upd.last_update_date,
            -- The state at the cutoff, from the dates of the workflow's
            -- events: a task confirmed after it was still open, one paused
            -- or resumed after it was as it stood before, one cancelled or
            -- transferred after it was still open (the CTE keeps it), one
            -- first updated after it was still untouched.
            CASE
                WHEN tk.state = 'done' AND tk.confirm_date <= %(cutoff)s
                    THEN tk.state
                -- In one of its pauses then (directive.task.pause).
                WHEN pz.paused THEN 'paused'
                -- Pauses not logged (before the log was kept): the last
                -- pause and resume dates.
                WHEN pz.paused IS NULL AND tk.pause_date <= %(cutoff)s
                     AND (tk.resume_date IS NULL
                          OR tk.resume_date < tk.pause_date
                          OR tk.resume_date > %(cutoff)s)
                    THEN 'paused'
                -- Paused before the dates were kept, and never resumed.
                WHEN pz.paused IS NULL AND tk.state = 'paused'
                     AND tk.pause_date IS NULL
                    THEN 'paused'
                -- Untouched by then (a resume counts as a start).
                WHEN upd.last_update_date IS NULL
                     AND NOT COALESCE(pz.resumed, tk.resume_date <= %(cutoff)s,
                                      FALSE)
                    THEN 'assigned'
                WHEN tk.state = 'done' AND tk.completion_date <= %(cutoff)s
                    THEN 'to_confirm'
                WHEN tk.state IN ('done', 'paused', 'cancelled', 'transferred')
                    THEN 'in_progress'
                ELSE tk.state
            END AS state"""
        joins = f"""
            LEFT JOIN LATERAL (
                SELECT bool_or(p.date_from <= %(cutoff)s
                               AND (p.date_to IS NULL OR p.date_to > %(cutoff)s))
                           AS paused,
                       bool_or(p.date_to <= %(cutoff)s) AS resumed
                  FROM directive_task_pause p
                 WHERE p.task_id = tk.id
            ) pz ON TRUE
            LEFT JOIN LATERAL (
                SELECT count(*) AS extension_count,
                       (array_agg(e.proposed_date
                                  ORDER BY e.decision_date DESC, e.id DESC))[1]
                           AS proposed_date,
                       (array_agg(e.current_deadline
                                  ORDER BY e.decision_date DESC, e.id DESC))[1]
                           AS previous_deadline,
                       sum(GREATEST(e.decision_date - e.current_deadline, 0))
                           AS overdue_days
                  FROM directive_task_extension e
                 -- Most tasks were never extended: skip the lookup.
                 WHERE tk.extension_count > 0
                   AND e.task_id = tk.id AND e.state = 'approved'
                   AND e.decision_date <= %(cutoff)s
               ) ext ON TRUE
            LEFT JOIN LATERAL (
                SELECT CASE
                    WHEN tk.last_update_date IS NULL
                         OR tk.last_update_date <= %(cutoff)s
                        THEN tk.last_update_date
                    ELSE GREATEST(
                        (SELECT max(u.date) FROM directive_task_update u
                          WHERE u.task_id = tk.id AND u.coordination_id IS NULL
                            AND u.date <= %(cutoff)s),
                        (SELECT max(cr.date) FROM {completion._table} cr
                          WHERE cr.task_id = tk.id AND cr.date <= %(cutoff)s))
                END AS last_update_date
               ) upd ON TRUE"""
        return columns, joins

    @api.model
    def _row_unit_join(self, alias):
        """Lateral join ``top``: the unit under which Form 1 counts the tasks
        of unit ``alias``.

        That is its highest ancestor (or itself) below the root whose level
        is listed as agency or commune, so that the tasks of a commune's
        offices count under the commune; failing that, its ancestor right
        under the root (e.g. a former district), or the root itself.
        """
        return f"""
            CROSS JOIN LATERAL (
                SELECT a.id, a.name, a.sequence, lvl.report_block
                  FROM unnest(string_to_array(rtrim({alias}.parent_path, '/'), '/')
                              ::int[]) WITH ORDINALITY AS path(unit_id, depth)
                  JOIN directive_unit a ON a.id = path.unit_id
                  JOIN directive_unit_level lvl ON lvl.id = a.level_id
                 ORDER BY CASE
                              WHEN path.depth > 1
                                   AND lvl.report_block IN ('agency', 'commune')
                                  THEN 0
                              WHEN path.depth = 2 THEN 1
                              ELSE 2
                          END,
                          path.depth
                 LIMIT 1
            ) top
        """

    @api.model
    def _form1_query(self, stored=False):
        """Form 1 in one query: the lead units' rows, then the coordinating
        units' own part (README, "Coordinating units")."""
        return f"""
            WITH {self._tasks_cte(stored)},
                 {self._coordination_cte()},
            lead_rows AS (
                SELECT 'lead' AS part, ru.unit_id, ru.unit_name, ru.block,
                       ru.unit_sequence,
                       count(*) AS total,
                       {self._category_counts("c")},
                       count(*) FILTER (WHERE c.timeliness IN %(open_categories)s
                                          AND c.is_not_started) AS not_started,
                       count(*) FILTER (WHERE c.timeliness = 'no_deadline_done')
                           AS no_deadline_done,
                       count(*) FILTER (WHERE c.timeliness = 'no_deadline_open')
                           AS no_deadline_open,
                       count(*) FILTER (WHERE c.is_stale) AS stale,
                       count(*) FILTER (WHERE c.is_due_soon) AS due_soon
                  FROM c
                  JOIN ru ON ru.lead_unit_id = c.lead_unit_id
              GROUP BY ru.unit_id, ru.unit_name, ru.block, ru.unit_sequence
            ),
            coordination_rows AS (
                SELECT 'coordination' AS part, top.id AS unit_id,
                       top.name AS unit_name, top.report_block AS block,
                       top.sequence AS unit_sequence,
                       count(*) AS total,
                       {self._category_counts("cc")},
                       count(*) FILTER (WHERE cc.is_not_started) AS not_started,
                       0 AS no_deadline_done, 0 AS no_deadline_open,
                       0 AS stale, 0 AS due_soon
                  FROM cc
                  JOIN directive_unit cu ON cu.id = cc.unit_id
                  {self._row_unit_join("cu")}
              GROUP BY top.id, top.name, top.report_block, top.sequence
            )
            SELECT * FROM (SELECT * FROM lead_rows
                           UNION ALL SELECT * FROM coordination_rows) r
          ORDER BY r.part = 'coordination',
                   array_position(%(blocks)s, r.block::text), r.unit_sequence,
                   r.unit_name, r.unit_id
        """

    @api.model
    def _category_counts(self, alias):
        """Columns of Form 1's count of each category that done and open add
        up (CATEGORY_SUMS), over the rows of ``alias``."""
        categories = CATEGORY_SUMS["done"] + CATEGORY_SUMS["open"]
        return ",\n".join(
            f"count(*) FILTER (WHERE {alias}.timeliness = '{category}') AS {category}"
            for category in categories
        )

    @api.model
    def _coordination_cte(self, due_soon=False):
        """CTE ``cc``: the parts of the coordinating units of the scope in
        the period's tasks, judged at the cutoff against their own deadline
        (the task's original one when they have none): done on time or late
        by the date of their first update at 100 %, else open within or
        overdue; not started before their first update. A task counts as in
        ``t`` (assigned by the cutoff, not yet closed then)."""
        horizon = (
            """(NOT co.done_at AND co.deadline_at >= %(cutoff)s
                AND co.deadline_at <= %(horizon)s)"""
            if due_soon
            else "FALSE"
        )
        in_scope = "cu.parent_path LIKE %(scope_path)s"
        return f"""
            cc AS (
                SELECT co.*,
                       CASE WHEN co.done_at AND co.done_date <= co.deadline_at
                                THEN 'done_on_time'
                            WHEN co.done_at THEN 'done_late'
                            WHEN %(cutoff)s <= co.deadline_at THEN 'open_within'
                            ELSE 'open_overdue'
                       END AS timeliness,
                       CASE WHEN co.done_at
                                THEN GREATEST(co.done_date - co.deadline_at, 0)
                            ELSE GREATEST(%(cutoff)s - co.deadline_at, 0)
                       END AS days_overdue,
                       {horizon} AS is_due_soon,
                       (NOT co.done_at
                        AND (co.first_update_date IS NULL
                             OR co.first_update_date > %(cutoff)s))
                           AS is_not_started
                  FROM (
                    SELECT co.id AS coordination_id, co.unit_id, co.task_id,
                           COALESCE(co.deadline, tk.original_deadline)
                               AS deadline_at,
                           COALESCE(co.done_date <= %(cutoff)s, FALSE) AS done_at,
                           co.done_date, co.first_update_date,
                           CASE WHEN co.last_update_date <= %(cutoff)s
                                THEN co.last_update_date
                                ELSE (SELECT max(u.date)
                                        FROM directive_task_update u
                                       WHERE u.coordination_id = co.id
                                         AND u.date <= %(cutoff)s)
                           END AS last_update_date
                      FROM directive_task_coordination co
                      JOIN directive_task tk ON tk.id = co.task_id
                      JOIN directive_unit cu ON cu.id = co.unit_id
                     WHERE tk.company_id = %(company_id)s
                       AND {self._counted_at_cutoff_sql()}
                       AND tk.assign_date <= %(cutoff)s
                       AND {in_scope}
                       AND CASE WHEN %(membership)s = 'deadline'
                                THEN COALESCE(co.deadline, tk.original_deadline)
                                     BETWEEN %(date_from)s AND %(date_to)s
                                ELSE tk.assign_date BETWEEN %(date_from)s
                                                        AND %(date_to)s
                           END
                  ) co
                 WHERE co.deadline_at IS NOT NULL
            )
        """

    @api.model
    def _coordination_rows_query(self):
        """Form 3's coordinating parts to urge: overdue or due soon at the
        cutoff, with the values of a task row."""
        return f"""
            WITH {self._coordination_cte(due_soon=True)}
            SELECT tk.id AS task_id, tk.code AS task_code, tk.name AS content,
                   cc.timeliness, cc.days_overdue, cc.is_due_soon,
                   cc.is_not_started, tk.state AS task_state,
                   cc.deadline_at AS deadline, 0 AS extension_count,
                   CASE WHEN cc.is_due_soon THEN cc.deadline_at - %(cutoff)s END
                       AS days_left,
                   cc.last_update_date,
                   CASE WHEN src.source_type = 'meeting' THEN src.meeting_name
                        ELSE src.number END AS source_ref,
                   src.date AS source_date,
                   officer.name AS officer_name,
                   lead.name AS lead_unit_name, cu.name AS coordination_names,
                   top.id AS unit_id, top.name AS unit_name,
                   top.report_block AS block
              FROM cc
              JOIN directive_task tk ON tk.id = cc.task_id
              JOIN directive_unit lead ON lead.id = tk.lead_unit_id
              JOIN directive_unit cu ON cu.id = cc.unit_id
              {self._row_unit_join("cu")}
         LEFT JOIN directive_source src ON src.id = tk.source_id
         LEFT JOIN res_users officer_user ON officer_user.id = tk.officer_id
         LEFT JOIN res_partner officer ON officer.id = officer_user.partner_id
             WHERE cc.timeliness = 'open_overdue' OR cc.is_due_soon
          ORDER BY array_position(%(blocks)s, top.report_block::text),
                   top.sequence, top.name, top.id, cc.deadline_at, tk.code, tk.id
        """

    @api.model
    def _task_rows_query(self, stored=False, urging=False):
        """One row per task with every value of Forms 2 and 3, in one query."""
        where = "c.timeliness = 'open_overdue' OR c.is_due_soon" if urging else "TRUE"
        return f"""
            WITH {self._tasks_cte(stored)}
            SELECT c.id AS task_id, c.code AS task_code, c.name AS content,
                   c.timeliness, c.days_overdue, c.is_due_soon, c.is_not_started,
                   c.state AS task_state, c.deadline_at AS deadline,
                   c.original_deadline, c.extension_count_at AS extension_count,
                   c.previous_deadline_at AS previous_deadline,
                   c.overdue_days_recorded_at AS overdue_days_recorded,
                   CASE WHEN c.done_at THEN c.completion_date END AS completion_date,
                   CASE WHEN c.is_due_soon THEN c.deadline_at - %(cutoff)s END
                       AS days_left,
                   c.last_update_date,
                   CASE WHEN c.done_at THEN c.result END AS result,
                   docs.names AS result_documents,
                   notes.difficulties, notes.proposals,
                   CASE WHEN src.source_type = 'meeting' THEN src.meeting_name
                        ELSE src.number END AS source_ref,
                   src.date AS source_date,
                   CASE WHEN src.source_type = 'meeting' THEN src.chaired_by
                        ELSE src.issuer END AS source_issuer,
                   leader.name AS leader_name, officer.name AS officer_name,
                   lead.name AS lead_unit_name, coord.names AS coordination_names,
                   ru.unit_id, ru.unit_name, ru.block
              FROM c
              JOIN ru ON ru.lead_unit_id = c.lead_unit_id
              JOIN directive_unit lead ON lead.id = c.lead_unit_id
         LEFT JOIN directive_source src ON src.id = c.source_id
         LEFT JOIN res_users leader_user ON leader_user.id = c.leader_id
         LEFT JOIN res_partner leader ON leader.id = leader_user.partner_id
         LEFT JOIN res_users officer_user ON officer_user.id = c.officer_id
         LEFT JOIN res_partner officer ON officer.id = officer_user.partner_id
         LEFT JOIN LATERAL (
                SELECT string_agg(cu.name, '; ' ORDER BY cu.sequence, cu.name)
                           AS names
                  FROM directive_task_coordination co
                  JOIN directive_unit cu ON cu.id = co.unit_id
                 WHERE co.task_id = c.id
               ) coord ON TRUE
         LEFT JOIN LATERAL (
                SELECT string_agg(doc.name, '; ' ORDER BY doc.id) AS names
                  FROM directive_task_completion dc
                  JOIN dms_file doc
                    ON doc.directive_evidence_model = 'directive.task.completion'
                   AND doc.directive_evidence_id = dc.id
                 WHERE dc.task_id = c.id AND dc.state = 'confirmed' AND c.done_at
               ) docs ON TRUE
         LEFT JOIN LATERAL (
                SELECT (SELECT u.difficulties FROM directive_task_update u
                         WHERE u.task_id = c.id AND u.coordination_id IS NULL
                           AND u.date <= %(cutoff)s
                           AND COALESCE(u.difficulties, '') <> ''
                      ORDER BY u.date DESC, u.id DESC LIMIT 1) AS difficulties,
                       (SELECT u.proposals FROM directive_task_update u
                         WHERE u.task_id = c.id AND u.coordination_id IS NULL
                           AND u.date <= %(cutoff)s
                           AND COALESCE(u.proposals, '') <> ''
                      ORDER BY u.date DESC, u.id DESC LIMIT 1) AS proposals
               ) notes ON TRUE
             WHERE {where}
          ORDER BY array_position(%(blocks)s, ru.block::text), ru.unit_sequence,
                   ru.unit_name, ru.unit_id, lead.complete_name,
                   c.deadline_at NULLS LAST, c.code, c.id
        """

    # ------------------------------------------------------------------ rows
    @api.model
    def _form1_rows(self, records):
        """Unit rows under their block subtotal, then the grand total."""
        block_labels = self.env["directive.report"]._block_labels()
        rows = []
        total = empty_row(line_type="total", name=self.env._("Total"))
        block_row = None
        coordination = []
        for record in records:
            if record["part"] == "coordination":
                coordination.append(record)
                continue
            if block_row is None or block_row["block"] != record["block"]:
                block_row = empty_row(
                    line_type="block",
                    block=record["block"],
                    name=block_labels.get(record["block"], record["block"]),
                    label=roman(sum(r["line_type"] == "block" for r in rows) + 1),
                )
                rows.append(block_row)
                number = 0
            number += 1
            row = self._unit_row("unit", number, record)
            rows.append(row)
            for summary in (block_row, total):
                for fname in COUNT_FIELDS:
                    summary[fname] += row[fname]
        rows.append(total)
        if coordination:
            rows += self._coordination_part_rows(coordination)
        return rows

    @api.model
    def _unit_row(self, line_type, number, record):
        """A unit's row of Form 1 from its counts: done and open are the sums
        of their categories (DESIGN §5)."""
        row = empty_row(
            line_type=line_type,
            label=str(number),
            name=record["unit_name"],
            block=record["block"],
            unit_id=record["unit_id"],
        )
        for fname in COUNT_FIELDS:
            if fname in record:
                row[fname] = record[fname]
        row["done"] = category_sum(row, "done")
        row["open"] = category_sum(row, "open")
        return row

    @api.model
    def _coordination_part_rows(self, records):
        """Form 1's part of the coordinating units, at their own deadlines:
        a heading, a row per unit, their total."""
        rows = [
            empty_row(
                line_type="part",
                label="B",
                name=self.env._("Coordinating units, at their own deadlines"),
            )
        ]
        total = empty_row(
            line_type="part_total", name=self.env._("Total of coordinating units")
        )
        for number, record in enumerate(records, start=1):
            row = self._unit_row("part_unit", number, record)
            rows.append(row)
            for fname in COUNT_FIELDS:
                total[fname] += row[fname]
        rows.append(total)
        return rows

    @api.model
    def _task_row(self, record, label):
        row = empty_row(line_type="task", label=label)
        for fname in ROW_FIELDS:
            if fname in record and fname not in ("name",):
                row[fname] = record[fname]
        row["extension_count"] = record["extension_count"] or 0
        row["name"] = record["unit_name"]
        return row

    @api.model
    def _form2_rows(self, records):
        rows = [
            self._task_row(record, str(index))
            for index, record in enumerate(records, start=1)
        ]
        total = empty_row(line_type="total", name=self.env._("Total"))
        total["total"] = len(rows)
        rows.append(total)
        return rows

    @api.model
    def _form3_rows(self, records, coordination=()):
        """Overdue and due-soon tasks under a heading per unit, then the
        coordinating units' parts to urge, under a heading per unit."""
        rows = self._form3_groups(records)
        if coordination:
            rows.append(
                empty_row(
                    line_type="part",
                    label="B",
                    name=self.env._("Coordinating units, at their own deadlines"),
                )
            )
            part = self._form3_groups(coordination)
            part[-1].update(
                line_type="part_total",
                name=self.env._("Total of coordinating units"),
            )
            rows += part
        return rows

    @api.model
    def _form3_groups(self, records):
        rows = []
        total = empty_row(line_type="total", name=self.env._("Total"))
        group = None
        for record in records:
            if group is None or group["unit_id"] != record["unit_id"]:
                group = empty_row(
                    line_type="group",
                    unit_id=record["unit_id"],
                    block=record["block"],
                    name=record["unit_name"],
                    label=roman(sum(r["line_type"] == "group" for r in rows) + 1),
                )
                rows.append(group)
                number = 0
            number += 1
            rows.append(self._task_row(record, str(number)))
            for summary in (group, total):
                summary["total"] += 1
                if record["timeliness"] == "open_overdue":
                    summary["open_overdue"] += 1
                else:
                    summary["due_soon"] += 1
        rows.append(total)
        return rows
