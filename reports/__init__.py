from . import directive_layout
from . import directive_xlsx
from . import directive_report_query
from . import directive_report
from . import directive_report_xlsx
from . import directive_score_sheet
from . import directive_score_xlsx
from . import directive_task_report
