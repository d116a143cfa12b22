from . import directive_task_assign
from . import directive_unit_transfer
from . import directive_report_wizard
