"""What ``shibai new`` makes, in words for its help and its refusal (a module of its own: the command line shows it
without loading the templates, that is openpyxl)."""

KINDS_HELP = ("park/base/enterprise/team（或 园区/直播基地/企业/直播团队）：申报表；summary（或 汇总表）：项目汇总表；"
              "rubric-park/base/enterprise/team（或 评分表-园区 等）：附件5评分表")
