/**
 * Leaders' dashboard: an OWL client action that opens on the current
 * period's figures for the caller's scope. All figures come from one call,
 * directive.dashboard.get_dashboard_data; each figure opens its tasks
 * through directive.dashboard.open_tasks (the domain is the server's).
 */
import { Component, onWillStart, onWillUnmount, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { RecordSelector } from "@web/core/record_selectors/record_selector";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const MODEL = "directive.dashboard";
// Colours of the trend's categories (the timeliness of a task).
const SERIES_COLORS = {
    done_on_time: "#28a745",
    done_late: "#fd7e14",
    open_within: "#17a2b8",
    open_overdue: "#dc3545",
    no_deadline_done: "#6f42c1",
    no_deadline_open: "#adb5bd",
};
const TILE_STYLES = {
    done_on_time: "text-success",
    done_late: "text-warning",
    open_overdue: "text-danger",
};

export class DirectiveDashboard extends Component {
    static template = "directive_tracking.Dashboard";
    static components = { RecordSelector };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.nameService = useService("name");
        this.canvasRef = useRef("trend");
        this.chart = null;
        // Back from the tasks of a figure, the same period and scope again.
        const saved = this.props.state || {};
        this.state = useState({
            data: null,
            period: saved.period || null,
            scopeId: saved.scopeId,
        });
        useSetupAction({
            getLocalState: () => ({
                period: this.state.period,
                scopeId: this.state.scopeId,
            }),
        });
        onWillStart(() => Promise.all([loadBundle("web.chartjs_lib"), this.load()]));
        useEffect(
            () => this.renderChart(),
            () => [this.state.data]
        );
        onWillUnmount(() => this.chart?.destroy());
    }

    async load(scopeId = this.state.scopeId) {
        const data = await this.orm.call(MODEL, "get_dashboard_data", [], {
            period: this.state.period,
            scope_unit_id: scopeId || null,
        });
        // The scope's name comes with the figures: the scope selector need
        // not ask the server for it again.
        if (data.scope.id) {
            this.nameService.addDisplayNames("directive.unit", {
                [data.scope.id]: data.scope.name,
            });
        }
        this.state.period = { ...data.period };
        this.state.scopeId = data.scope.id;
        this.state.data = data;
    }

    // ------------------------------------------------------------ switcher
    isFieldShown(field) {
        const period = this.state.period;
        const kinds = this.state.data.period_fields
            .find((f) => f.name === "period_type")
            .options.map(([key]) => key);
        if (field.name === "date_from" || field.name === "date_to") {
            return period.period_type === "custom";
        }
        if (field.name === "period_year") {
            return period.period_type !== "custom";
        }
        const kind = field.name.replace(/^period_/, "");
        if (field.name !== "period_type" && kinds.includes(kind)) {
            return period.period_type === kind;
        }
        return true;
    }

    async onPeriodChange(field, ev) {
        let value = ev.target.value;
        if (field.type === "integer") {
            value = parseInt(value, 10);
            if (!(value >= 1900 && value <= 9999)) {
                return;
            }
        }
        this.state.period = { ...this.state.period, [field.name]: value || false };
        await this.load();
    }

    async onScopeChange(unitId) {
        // The selector shows the new scope with its figures.
        await this.load(unitId || false);
    }

    async zoomTo(unitId) {
        await this.onScopeChange(unitId);
    }

    // ------------------------------------------------------------- figures
    async openTasks(category, where = {}) {
        const action = await this.orm.call(MODEL, "open_tasks", [], {
            period: this.state.period,
            scope_unit_id: this.state.scopeId || null,
            category,
            ...where,
        });
        await this.actionService.doAction(action);
    }

    tileClass(key) {
        return TILE_STYLES[key] || "";
    }

    renderChart() {
        if (this.chart) {
            this.chart.destroy();
            this.chart = null;
        }
        const trend = this.state.data?.trend;
        if (!trend || !this.canvasRef.el) {
            return;
        }
        this.chart = new window.Chart(this.canvasRef.el, {
            type: "bar",
            data: {
                labels: trend.labels,
                datasets: trend.series.map((serie) => ({
                    label: serie.label,
                    data: serie.data,
                    backgroundColor: SERIES_COLORS[serie.key] || "#6c757d",
                    key: serie.key,
                })),
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    x: { stacked: true },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
                },
                plugins: { legend: { position: "bottom" } },
                onClick: (_event, elements) => {
                    if (!elements.length) {
                        return;
                    }
                    const { datasetIndex, index } = elements[0];
                    this.openTasks(trend.series[datasetIndex].key, {
                        month: trend.months[index],
                    });
                },
            },
        });
    }
}

registry.category("actions").add("directive_tracking.dashboard", DirectiveDashboard);
