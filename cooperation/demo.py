"""Sample offers and needs for the 2022 demo edition's cooperation board.

The news report on the conference names no cooperation, so these are fictional: each is flagged
``is_sample``, says so at the start of its description, and its organization carries the word
"Sample" (示例 in Chinese). They fit the edition's focus fields, metallurgy and metal materials
and intelligent computing. ``load_demo`` adds them (events.signals.demo_loaded); a rerun
changes nothing, and sample items the data no longer lists are removed.
"""

import datetime
import zoneinfo

from .models import Category, CooperationItem, ItemStatus, Kind

SAMPLE_EN = "Sample entry: a fictional item that shows how the cooperation board looks."
SAMPLE_ZH = "示例条目：本条为虚构内容，仅用于展示合作对接栏目效果。"
METALLURGY = "Metallurgy and Metal Materials"
COMPUTING = "Intelligent Computing and Digital Transformation"
EQUIPMENT = "High-end Equipment Manufacturing and New Materials"
LOW_CARBON = "Green and Low-carbon Development"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
Type = CooperationItem.OrganizationType


def _item(slug, kind, category, title, about, organization, org_type, country, topics, keywords):
    """One sample item; the pairs are (English, Chinese)."""
    return {
        "slug": slug,
        "kind": kind,
        "category": category,
        "title_en": title[0],
        "title_zh_hans": title[1],
        "description_en": f"{SAMPLE_EN} {about[0]}",
        "description_zh_hans": f"{SAMPLE_ZH}{about[1]}",
        "organization_name": organization,
        "organization_type": org_type,
        "country": country,
        "keywords": keywords,
        "contact_name": "Sample Contact",
        "contact_email": "cooperation-sample@example.org",
        "contact_phone": "",
        "status": ItemStatus.PUBLISHED,
        "is_sample": True,
        "topics": topics,
    }


ITEMS = [
    _item(
        "rolling-process-for-advanced-high-strength-steel",
        Kind.OFFER,
        Category.TECHNOLOGY_LICENSING,
        (
            "Licence: controlled rolling and cooling for advanced high-strength automotive steel",
            "技术许可：汽车用先进高强钢控轧控冷工艺",
        ),
        (
            "A patented rolling and cooling schedule that raises the strength of dual-phase "
            "steel sheet without extra alloying. Offered for licensing to steel makers, with "
            "process support during the first production campaigns.",
            "一项已获专利的控轧控冷工艺，无需额外合金化即可提高双相钢板强度。面向钢铁企业"
            "许可使用，并在首批生产中提供工艺支持。",
        ),
        "Sample Institute of Rolling Technology",
        Type.RESEARCH_INSTITUTE,
        "CN",
        [METALLURGY],
        "high-strength steel, controlled rolling, automotive sheet",
    ),
    _item(
        "pilot-plant-for-powder-metallurgy-and-additive-manufacturing",
        Kind.OFFER,
        Category.LAB_CAPACITY,
        (
            "Pilot-plant time for powder metallurgy and metal additive manufacturing",
            "粉末冶金与金属增材制造中试平台开放共享",
        ),
        (
            "Gas atomization, hot isostatic pressing and two laser powder-bed fusion machines, "
            "open to partners for trials of new alloys, with our engineers on hand.",
            "平台拥有气雾化制粉、热等静压设备及两台激光粉末床熔融设备，可供合作单位开展新合金"
            "试制，并配备工程师协助。",
        ),
        "Sample University of Technology",
        Type.UNIVERSITY,
        "RU",
        [METALLURGY, EQUIPMENT],
        "powder metallurgy, additive manufacturing, alloy design",
    ),
    _item(
        "joint-postgraduate-training-in-intelligent-computing",
        Kind.OFFER,
        Category.JOINT_TRAINING,
        (
            "Joint training of postgraduates in intelligent computing for industry",
            "面向工业应用的智能计算方向研究生联合培养",
        ),
        (
            "A two-year joint master's track: one year of courses in machine learning and "
            "high-performance computing, one year of research on a partner's industrial data.",
            "两年制联合培养硕士项目：第一年学习机器学习与高性能计算课程，第二年依托合作单位的"
            "工业数据开展课题研究。",
        ),
        "Sample School of Computing",
        Type.UNIVERSITY,
        "GB",
        [COMPUTING],
        "machine learning, high-performance computing, postgraduate training",
    ),
    _item(
        "internships-in-industrial-ai-at-a-steel-plant",
        Kind.OFFER,
        Category.INTERNSHIP,
        (
            "Internships in industrial artificial intelligence at a steel plant",
            "钢铁企业工业人工智能实习岗位",
        ),
        (
            "Three-month internships for postgraduates who want to apply computer vision and "
            "process data analysis on a working hot strip mill.",
            "为研究生提供为期三个月的实习，在热连轧生产线上应用计算机视觉与过程数据分析技术。",
        ),
        "Sample Iron and Steel Group",
        Type.ENTERPRISE,
        "CN",
        [METALLURGY, COMPUTING],
        "computer vision, hot strip mill, process data",
    ),
    _item(
        "predicting-surface-defects-of-continuous-cast-slabs",
        Kind.NEED,
        Category.RESEARCH_PROBLEM,
        (
            "Predicting surface defects of continuously cast slabs with machine learning",
            "基于机器学习的连铸坯表面缺陷预测",
        ),
        (
            "We record mould temperatures, casting speed and steel chemistry for every slab "
            "and look for a research group to build a model that warns of cracks before they "
            "form.",
            "我们记录了每块铸坯的结晶器温度、拉速与钢水成分，希望与科研团队合作建立模型，在裂纹"
            "形成之前发出预警。",
        ),
        "Sample Special Steel Company",
        Type.ENTERPRISE,
        "CN",
        [METALLURGY, COMPUTING],
        "continuous casting, defect prediction, machine learning",
    ),
    _item(
        "partner-for-a-hydrogen-direct-reduction-pilot",
        Kind.NEED,
        Category.PARTNER_SOUGHT,
        (
            "Research partner sought for a hydrogen-based direct reduction pilot",
            "寻求氢基直接还原中试项目研究合作伙伴",
        ),
        (
            "For a pilot shaft furnace reducing iron ore pellets with hydrogen, we seek a "
            "university partner for kinetics studies and the characterization of the product.",
            "我们正在建设以氢气还原铁矿球团的竖炉中试装置，寻求高校合作伙伴开展还原动力学研究"
            "和产品表征。",
        ),
        "Sample Metallurgical Works",
        Type.ENTERPRISE,
        "DE",
        [METALLURGY, LOW_CARBON],
        "hydrogen metallurgy, direct reduction, low-carbon steel",
    ),
    _item(
        "time-on-a-high-temperature-confocal-microscope",
        Kind.NEED,
        Category.EQUIPMENT,
        (
            "Time wanted on a high-temperature laser confocal microscope",
            "需要高温激光共聚焦显微镜机时",
        ),
        (
            "To watch phase transformations of new steels in situ, our group needs about "
            "twenty hours on a high-temperature confocal microscope this year.",
            "为原位观察新型钢材的相变过程，课题组今年需要约二十小时的高温激光共聚焦显微镜机时。",
        ),
        "Sample National University",
        Type.UNIVERSITY,
        "KR",
        [METALLURGY],
        "phase transformation, in-situ observation, confocal microscopy",
    ),
    _item(
        "postdoctoral-researchers-in-edge-computing-for-industrial-control",
        Kind.NEED,
        Category.TALENT,
        (
            "Postdoctoral researchers in edge computing for industrial control",
            "招聘工业控制边缘计算方向博士后",
        ),
        (
            "Two postdoctoral positions on scheduling and secure computing at the edge of "
            "industrial control networks, for two years from next spring.",
            "招聘两名博士后，研究工业控制网络边缘侧的任务调度与安全计算，聘期两年，明年春季入职。",
        ),
        "Sample Institute of Automation",
        Type.RESEARCH_INSTITUTE,
        "CN",
        [COMPUTING],
        "edge computing, industrial control, scheduling",
    ),
]
# One fixed time, so that loading again writes the same value and changes nothing.
PUBLISHED_AT = datetime.datetime(2022, 10, 20, 9, 0, tzinfo=SHANGHAI)


def load(loader, editions: dict) -> None:
    """Write the sample items into the 2022 edition through the demo loader."""
    edition = editions.get(2022)
    if edition is None:
        return
    topics = {topic.title_en: topic for topic in edition.topics.all()}
    stale = CooperationItem.objects.filter(edition=edition, is_sample=True).exclude(
        slug__in=[data["slug"] for data in ITEMS]
    )
    loader.counts["removed"] += stale.delete()[1].get(CooperationItem._meta.label, 0)
    for data in ITEMS:
        values = {k: v for k, v in data.items() if k not in ("slug", "topics")}
        values["published_at"] = PUBLISHED_AT
        item, created = loader.upsert(
            CooperationItem, {"edition": edition, "slug": data["slug"]}, values
        )
        wanted = [topics[title] for title in data["topics"] if title in topics]
        loader.set_many(item, created, "topics", wanted)
