"""The sample program of 22 November 2022: the report gives the day, not the schedule.

Languages follow how the conference was held: the ceremonies in Chinese with interpretation
into English, the keynote reports of foreign experts in English with interpretation into
Chinese, the international sub-forums in English.

Times are local (Asia/Shanghai) on the edition's day; ``room`` is a key of
``data_2022.ROOMS``, ``sub_forum`` a sub-forum slug, ``speakers`` speaker slugs in order
(a panel's moderator first). Titles are unique: they are the sessions' natural key.
"""

from events.models import Mode, Session

SAMPLE_EN = (
    "Sample entry: the news report gives the date of the conference but not its program; "
    "this session shows how the program is presented."
)
SAMPLE_ZH = "示例条目：会议新闻报道公布了会议日期，但未公布具体日程，本场次用于展示日程的呈现方式。"

MAIN_HALL_STREAM = "https://live.example.org/neu-2022/main-hall"

Kind = Session.Kind
Visibility = Session.Visibility


def _session(
    kind,
    start,
    end,
    title,
    about,
    *,
    room=None,
    sub_forum=None,
    speakers=(),
    delivery=Mode.HYBRID,
    livestream="",
    visibility=Visibility.ATTENDEES,
    language="en",
    interpretation="",
):
    """One sample session; ``title`` and ``about`` are (English, Chinese) pairs."""
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "title_en": title[0],
        "title_zh_hans": title[1],
        "abstract_en": f"{SAMPLE_EN} {about[0]}".strip(),
        "abstract_zh_hans": f"{SAMPLE_ZH}{about[1]}",
        "room": room,
        "sub_forum": sub_forum,
        "speakers": list(speakers),
        "delivery": delivery,
        "livestream_url": livestream,
        "link_visibility": visibility if livestream else Visibility.NOBODY,
        "is_sample": True,
        "language": language,
        "interpretation_language": interpretation,
    }


def _plenary(
    kind,
    start,
    end,
    title,
    about,
    speakers=(),
    visibility=Visibility.ATTENDEES,
    language="en",
    interpretation="zh",
):
    return _session(
        kind,
        start,
        end,
        title,
        about,
        room="main-hall",
        speakers=speakers,
        livestream=MAIN_HALL_STREAM,
        visibility=visibility,
        language=language,
        interpretation=interpretation,
    )


def _break(kind, start, end, title):
    return _session(kind, start, end, title, ("", ""), delivery=Mode.ON_SITE, language="")


def _sub_forum(slug, room, kind, start, end, title, about, speakers, delivery=Mode.HYBRID):
    return _session(
        kind,
        start,
        end,
        title,
        about,
        room=room,
        sub_forum=slug,
        speakers=speakers,
        delivery=delivery,
        livestream=f"https://live.example.org/neu-2022/{slug}",
    )


def _computing(*args, **kwargs):
    return _sub_forum("intelligent-computing", "room-a", *args, **kwargs)


def _metallurgy(*args, **kwargs):
    return _sub_forum("metallurgy", "room-b", *args, **kwargs)


SESSIONS = [
    _plenary(
        Kind.OPENING,
        "09:00",
        "09:30",
        ("Opening Ceremony", "开幕式"),
        (
            "Opening of the conference in the main hall, broadcast online.",
            "主会场开幕，线上同步直播。",
        ),
        visibility=Visibility.PUBLIC,
        language="zh",
        interpretation="en",
    ),
    _plenary(
        Kind.KEYNOTE,
        "09:30",
        "10:10",
        (
            "Digitalization of Steelmaking: From Process Models to Plant-wide Optimization",
            "钢铁冶炼数字化：从过程模型到全流程优化",
        ),
        (
            "How process models and plant data together support decisions across a steelworks.",
            "探讨过程模型与生产数据如何共同支撑钢铁企业全流程决策。",
        ),
        speakers=["alexei-sample"],
    ),
    _plenary(
        Kind.KEYNOTE,
        "10:10",
        "10:50",
        ("Low-carbon Pathways for Energy-intensive Industries", "高耗能产业的低碳发展路径"),
        (
            "Options for reducing emissions in metallurgy and chemical engineering, and the "
            "part universities play in them.",
            "分析冶金与化工行业的减排途径，以及高校在其中可以发挥的作用。",
        ),
        speakers=["claire-sample"],
    ),
    _break(Kind.COFFEE_BREAK, "10:50", "11:10", ("Coffee Break", "茶歇")),
    _plenary(
        Kind.KEYNOTE,
        "11:10",
        "11:50",
        (
            "International University–Industry Partnerships for Intelligent Manufacturing",
            "智能制造时代的国际校企合作",
        ),
        (
            "What makes joint research between universities and enterprises in different "
            "countries work.",
            "探讨跨国高校与企业联合研究取得成效的关键因素。",
        ),
        speakers=["erik-sample"],
    ),
    _break(Kind.LUNCH, "11:50", "13:30", ("Lunch Break", "午餐")),
    _computing(
        Kind.TALK,
        "13:30",
        "14:10",
        (
            "Industrial Data Platforms for Small and Medium-sized Manufacturers",
            "面向中小制造企业的工业数据平台",
        ),
        (
            "Building shared data platforms that smaller manufacturers can afford.",
            "探讨如何构建中小制造企业用得起的共享数据平台。",
        ),
        ["olga-sample"],
    ),
    _computing(
        Kind.TALK,
        "14:10",
        "14:50",
        ("Edge Intelligence for Smart Factories", "面向智能工厂的边缘智能"),
        (
            "Running machine-learning models next to the machines they watch.",
            "介绍在生产设备端部署机器学习模型的方法。",
        ),
        ["min-jun-sample"],
    ),
    _computing(
        Kind.TALK,
        "14:50",
        "15:30",
        (
            "Digital Twins in the Process Industries: Lessons from Joint Projects",
            "流程工业中的数字孪生：联合项目的经验",
        ),
        ("Given online from Canada.", "报告人在加拿大通过线上方式作报告。"),
        ["emily-sample"],
        delivery=Mode.ONLINE,
    ),
    _computing(
        Kind.PANEL,
        "15:45",
        "16:45",
        (
            "Panel: International Industry–Education Cooperation in Intelligent Computing",
            "圆桌讨论：智能计算领域的国际产学研用合作",
        ),
        ("Moderated by the sub-forum chair.", "由分论坛主席主持。"),
        ["wang-shili", "olga-sample", "min-jun-sample", "erik-sample"],
    ),
    _metallurgy(
        Kind.TALK,
        "13:30",
        "14:10",
        ("Clean Steel Production and Inclusion Control", "洁净钢生产与夹杂物控制"),
        (
            "An industrial view of controlling non-metallic inclusions.",
            "从企业视角介绍非金属夹杂物控制技术。",
        ),
        ["thomas-sample"],
    ),
    _metallurgy(
        Kind.TALK,
        "14:10",
        "14:50",
        ("Hydrogen-based Reduction of Iron Ore", "铁矿石氢基还原"),
        (
            "Progress and open questions in replacing carbon with hydrogen.",
            "介绍以氢代碳还原铁矿石的进展与待解问题。",
        ),
        ["james-sample"],
    ),
    _metallurgy(
        Kind.TALK,
        "14:50",
        "15:30",
        ("Additive Manufacturing of High-performance Alloys", "高性能合金增材制造"),
        (
            "Alloy design and process control for printed metal parts.",
            "介绍增材制造金属构件的合金设计与过程控制。",
        ),
        ["wei-ling-sample"],
    ),
    _metallurgy(
        Kind.PANEL,
        "15:45",
        "16:45",
        (
            "Panel: Joint Training of Postgraduates in Metallurgy and Materials",
            "圆桌讨论：冶金与材料领域研究生联合培养",
        ),
        ("Moderated by the sub-forum chair.", "由分论坛主席主持。"),
        ["liu-yangli", "martin-sample", "alexei-sample", "thomas-sample"],
    ),
    _plenary(
        Kind.CLOSING,
        "17:00",
        "17:30",
        ("Closing Ceremony", "闭幕式"),
        ("Closing of the conference in the main hall.", "主会场闭幕。"),
        language="zh",
        interpretation="en",
    ),
]
