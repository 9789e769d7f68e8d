"""Words for synthetic conferences: people, places and titles in English and Chinese.

Everything is drawn from a ``random.Random`` the caller seeds, so the same seed gives the same
text. Each text a visitor reads starts by saying it was generated (``NOTE_EN``/``NOTE_ZH``) or
belongs to an edition whose title says so.
"""

import random
from dataclasses import dataclass

NOTE_EN = "Synthetic entry generated for benchmarks and demos."
NOTE_ZH = "合成数据：本条目为性能测试与演示自动生成。"

# (pinyin, characters); pinyin names read family name first, as on a Chinese passport.
CHINESE_FAMILY_NAMES = [
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
    ("Yang", "杨"), ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"),
    ("Xu", "徐"), ("Sun", "孙"), ("Hu", "胡"), ("Zhu", "朱"), ("Gao", "高"),
    ("Lin", "林"), ("He", "何"), ("Guo", "郭"), ("Ma", "马"), ("Luo", "罗"),
]  # fmt: skip
CHINESE_GIVEN_NAMES = [
    ("Wei", "伟"), ("Fang", "芳"), ("Na", "娜"), ("Min", "敏"), ("Jing", "静"),
    ("Lei", "磊"), ("Qiang", "强"), ("Yang", "洋"), ("Yan", "艳"), ("Jie", "杰"),
    ("Tao", "涛"), ("Ming", "明"), ("Chao", "超"), ("Xiuying", "秀英"), ("Hui", "慧"),
    ("Jun", "军"), ("Ping", "平"), ("Gang", "刚"), ("Lin", "琳"), ("Hao", "浩"),
    ("Yu", "宇"), ("Xin", "欣"), ("Bo", "博"), ("Ning", "宁"), ("Zhiqiang", "志强"),
]  # fmt: skip
CHINESE_CITIES = [
    ("Shenyang", "沈阳"), ("Dalian", "大连"), ("Harbin", "哈尔滨"), ("Beijing", "北京"),
    ("Shanghai", "上海"), ("Wuhan", "武汉"), ("Xi'an", "西安"), ("Chengdu", "成都"),
    ("Nanjing", "南京"), ("Guangzhou", "广州"), ("Changchun", "长春"), ("Hangzhou", "杭州"),
]  # fmt: skip

# country code: (given names, family names, cities as (English, Chinese))
OTHER_PEOPLE = {
    "US": (
        ["James", "Mary", "Robert", "Linda", "David", "Susan", "Michael", "Karen"],
        ["Miller", "Johnson", "Brown", "Davis", "Wilson", "Moore", "Clark", "Walker"],
        [("Boston", "波士顿"), ("Pittsburgh", "匹兹堡"), ("Austin", "奥斯汀")],
    ),
    "GB": (
        ["Oliver", "Amelia", "Harry", "Emily", "Thomas", "Sophie"],
        ["Taylor", "Evans", "Hughes", "Wright", "Turner", "Cooper"],
        [("Manchester", "曼彻斯特"), ("Sheffield", "谢菲尔德")],
    ),
    "FR": (
        ["Camille", "Julien", "Claire", "Mathieu", "Élise", "Antoine"],
        ["Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Girard"],
        [("Lyon", "里昂"), ("Grenoble", "格勒诺布尔")],
    ),
    "DE": (
        ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah"],
        ["Müller", "Schmidt", "Fischer", "Weber", "Wagner", "Becker"],
        [("Munich", "慕尼黑"), ("Aachen", "亚琛")],
    ),
    "RU": (
        ["Alexei", "Dmitri", "Sergei", "Mikhail", "Andrei", "Pavel"],
        ["Petrov", "Volkov", "Sokolov", "Kuznetsov", "Popov", "Lebedev"],
        [("Novosibirsk", "新西伯利亚"), ("Yekaterinburg", "叶卡捷琳堡")],
    ),
    "JP": (
        ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina"],
        ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito"],
        [("Osaka", "大阪"), ("Sendai", "仙台")],
    ),
    "KR": (
        ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-ah"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
        [("Busan", "釜山"), ("Daejeon", "大田")],
    ),
    "IN": (
        ["Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Kavya"],
        ["Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair"],
        [("Pune", "浦那"), ("Chennai", "金奈")],
    ),
    "BR": (
        ["Lucas", "Beatriz", "Gabriel", "Mariana", "Rafael", "Larissa"],
        ["Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira"],
        [("Campinas", "坎皮纳斯"), ("Curitiba", "库里蒂巴")],
    ),
}
# Half the people come from China, as at the conference the demo describes.
CHINA_SHARE = 0.5

AFFILIATIONS = [
    ("{city} University of Technology", "{city}理工大学"),
    ("{city} Institute of Advanced Manufacturing", "{city}先进制造研究院"),
    ("{city} Normal University", "{city}师范大学"),
    ("{city} Research Centre for Industrial Software", "{city}工业软件研究中心"),
    ("{city} Steel Group, Central Research Institute", "{city}钢铁集团中央研究院"),
    ("University of {city}", "{city}大学"),
]
POSITIONS = [
    ("Professor", "教授"),
    ("Associate Professor", "副教授"),
    ("Senior Engineer", "高级工程师"),
    ("Research Fellow", "研究员"),
    ("Director of the Laboratory", "实验室主任"),
    ("Dean of the School of Engineering", "工程学院院长"),
    ("Chief Technology Officer", "首席技术官"),
]
HONORIFICS = [("Prof.", "教授"), ("Dr.", "博士"), ("Assoc. Prof.", "副教授"), ("", "")]

FIELDS = [
    ("intelligent manufacturing", "智能制造"), ("the industrial internet", "工业互联网"),
    ("digital twins", "数字孪生"), ("green metallurgy", "绿色冶金"),
    ("new energy materials", "新能源材料"), ("robotics", "机器人技术"),
    ("machine learning", "机器学习"), ("big data analytics", "大数据分析"),
    ("smart grids", "智能电网"), ("process control", "过程控制"),
    ("additive manufacturing", "增材制造"), ("engineering education", "工程教育"),
    ("industry–university cooperation", "产学研合作"), ("supply chain optimization", "供应链优化"),
    ("carbon neutrality", "碳中和"), ("edge computing", "边缘计算"),
    ("computer vision", "计算机视觉"), ("materials informatics", "材料信息学"),
    ("hydrogen energy", "氢能"), ("industrial software", "工业软件"),
    ("autonomous systems", "自主系统"), ("predictive maintenance", "预测性维护"),
    ("mining engineering", "采矿工程"), ("medical devices", "医疗器械"),
    ("technology transfer", "技术转移"), ("low-carbon steelmaking", "低碳炼钢"),
    ("power electronics", "电力电子"), ("smart cities", "智慧城市"),
]  # fmt: skip
APPLICATIONS = [
    ("the steel industry", "钢铁行业"), ("smart factories", "智能工厂"),
    ("rural revitalization", "乡村振兴"), ("the energy transition", "能源转型"),
    ("public health", "公共卫生"), ("urban transport", "城市交通"),
    ("advanced equipment", "高端装备"), ("the automotive industry", "汽车产业"),
    ("graduate education", "研究生教育"), ("small and medium enterprises", "中小企业"),
]  # fmt: skip
TITLES = [
    ("{a} for {b}", "面向{b}的{a}"),
    ("Advances in {a} and {a2}", "{a}与{a2}研究进展"),
    ("{A} in practice: lessons from {b}", "{a}实践：来自{b}的经验"),
    ("From the laboratory to {b}: {a}", "从实验室到{b}：{a}"),
    ("Towards large-scale {a}", "大规模{a}探索"),
    ("Joint research on {a} between universities and {b}", "高校与{b}的{a}联合研究"),
    ("Data-driven {a} in {b}", "{b}中的数据驱动{a}"),
    ("{A}: challenges and opportunities", "{a}：挑战与机遇"),
]
BIOGRAPHY_EN = [
    "{name} is {position} at {affiliation}.",
    "Their research covers {a}, {a2} and {a3}, from theory to working systems.",
    "They have led {n} joint projects with industrial partners on {a2} and hold several patents.",
    "They supervise graduate students who work on {a3} with engineers from {b}.",
    "Recent work applies {a} to {b}, with attention to reliability, cost and safety.",
    "They serve on the programme committees of international conferences on {a}.",
    "They advise regional governments on {a2} and on training engineers for {b}.",
    "Before their current post they spent several years in industry, building systems for {b}.",
]
BIOGRAPHY_ZH = [
    "{name}现任{affiliation}{position}。",
    "主要研究方向为{a}、{a2}和{a3}，涵盖从理论研究到系统实现的全过程。",
    "主持与企业合作的{a2}项目{n}项，拥有多项发明专利。",
    "指导研究生与{b}领域的工程师共同开展{a3}研究。",
    "近期工作将{a}应用于{b}，重点关注可靠性、成本与安全。",
    "担任多个{a}国际会议程序委员会委员。",
    "为地方政府在{a2}及面向{b}的工程人才培养方面提供咨询。",
    "任现职前曾在企业工作多年，为{b}开发系统。",
]
ABSTRACT_EN = [
    "This talk reviews {a} as it is practised in {b} today.",
    "It presents results from joint work on {a2} between a university and its industrial partners.",
    "The speakers discuss what worked, what did not, and what they would do differently.",
    "A case study shows how {a} reduced cost and energy use on a production line.",
    "The session ends with open questions for {b} and for engineering education.",
]
ABSTRACT_ZH = [
    "本报告回顾{a}在{b}中的应用现状。",
    "介绍高校与企业在{a2}方面联合研究的成果。",
    "报告人将讨论成功经验、不足之处以及改进方向。",
    "通过案例展示{a}如何降低生产线的成本与能耗。",
    "最后提出{b}与工程教育面临的开放问题。",
]


@dataclass(frozen=True)
class Person:
    name: str
    name_original: str
    country: str
    city: tuple[str, str]


def person(rng: random.Random) -> Person:
    if rng.random() < CHINA_SHARE:
        family, given = rng.choice(CHINESE_FAMILY_NAMES), rng.choice(CHINESE_GIVEN_NAMES)
        return Person(
            f"{family[0]} {given[0]}", family[1] + given[1], "CN", rng.choice(CHINESE_CITIES)
        )
    country = rng.choice(sorted(OTHER_PEOPLE))
    given, family, cities = OTHER_PEOPLE[country]
    return Person(f"{rng.choice(given)} {rng.choice(family)}", "", country, rng.choice(cities))


def affiliation(rng: random.Random, city: tuple[str, str]) -> tuple[str, str]:
    en, zh = rng.choice(AFFILIATIONS)
    return en.format(city=city[0]), zh.format(city=city[1])


def _fields(rng: random.Random) -> dict:
    (a, a_zh), (a2, a2_zh), (a3, a3_zh) = rng.sample(FIELDS, 3)
    b, b_zh = rng.choice(APPLICATIONS)
    english = {"a": a, "A": a[0].upper() + a[1:], "a2": a2, "a3": a3, "b": b}
    chinese = {"a": a_zh, "A": a_zh, "a2": a2_zh, "a3": a3_zh, "b": b_zh}
    return {"en": english, "zh": chinese}


def title(rng: random.Random) -> tuple[str, str]:
    words = _fields(rng)
    en, zh = rng.choice(TITLES)
    en = en.format(**words["en"])
    return en[0].upper() + en[1:], zh.format(**words["zh"])


def _paragraph(rng, sentences_en, sentences_zh, *, first: int, min_words: int, **names):
    """The first ``first`` sentences, then others in a random order until ``min_words``."""
    words = _fields(rng)
    order = list(range(first)) + rng.sample(
        range(first, len(sentences_en)), len(sentences_en) - first
    )
    en, zh = [NOTE_EN], [NOTE_ZH]
    for index in order:
        en.append(sentences_en[index].format(**words["en"], **names.get("en", {})))
        zh.append(sentences_zh[index].format(**words["zh"], **names.get("zh", {})))
        if index >= first - 1 and len(" ".join(en).split()) >= min_words:
            break
    return " ".join(en), "".join(zh)


def biography(rng: random.Random, *, name: tuple[str, str], position, affiliation):
    """About 80 words in English and its Chinese counterpart."""
    n = rng.randint(2, 12)
    return _paragraph(
        rng,
        BIOGRAPHY_EN,
        BIOGRAPHY_ZH,
        first=1,
        min_words=72,
        en={"name": name[0], "position": _article(position[0]), "affiliation": affiliation[0],
            "n": n},
        zh={"name": name[1], "position": position[1], "affiliation": affiliation[1], "n": n},
    )  # fmt: skip


def abstract(rng: random.Random) -> tuple[str, str]:
    return _paragraph(rng, ABSTRACT_EN, ABSTRACT_ZH, first=1, min_words=45)


def _article(position: str) -> str:
    """ "a Professor", "the Dean of ...": positions read after "is"."""
    if position.startswith(("Director", "Dean", "Chief")):
        return f"the {position}"
    return f"an {position}" if position[0] in "AEIOU" else f"a {position}"
