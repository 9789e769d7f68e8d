"""Sample speakers for the 2022 program: the news report names none, so these are fictional.

Each one is flagged ``is_sample`` and says so at the start of the biography; the Chinese
names (王示例, 刘样例) read as "sample" to a Chinese reader, the others carry the surname Sample.
"""

SAMPLE_EN = (
    "Sample entry: a fictional speaker who shows how the program pages look; the news report "
    "on the conference does not name its speakers."
)
SAMPLE_ZH = "示例条目：本嘉宾为虚构人物，仅用于展示日程页面效果，会议新闻报道未公布具体报告人。"

PROF = ("Prof.", "教授")
ASSOC_PROF = ("Assoc. Prof.", "副教授")
DR = ("Dr.", "博士")


def _speaker(slug, name, country, *, honorific, position, affiliation, interests, original=""):
    """One sample speaker; the pairs are (English, Chinese)."""
    return {
        "slug": slug,
        "name": name,
        "name_original": original,
        "country": country,
        "honorific_en": honorific[0],
        "honorific_zh_hans": honorific[1],
        "position_en": position[0],
        "position_zh_hans": position[1],
        "affiliation_en": affiliation[0],
        "affiliation_zh_hans": affiliation[1],
        "biography_en": f"{SAMPLE_EN} Research interests: {interests[0]}.",
        "biography_zh_hans": f"{SAMPLE_ZH}研究方向：{interests[1]}。",
        "is_sample": True,
    }


NEU = ("Northeastern University", "东北大学")

SPEAKERS = [
    # Keynote speakers, from countries the report names.
    _speaker(
        "alexei-sample",
        "Alexei Sample",
        "RU",
        honorific=PROF,
        position=("Professor of Metallurgical Engineering", "冶金工程教授"),
        affiliation=("Sample Technical University, Russia", "俄罗斯示例理工大学"),
        interests=(
            "process metallurgy and the digitalization of steelmaking",
            "过程冶金与炼钢过程数字化",
        ),
    ),
    _speaker(
        "claire-sample",
        "Claire Sample",
        "FR",
        honorific=PROF,
        position=("Professor of Energy and Process Engineering", "能源与过程工程教授"),
        affiliation=("Sample Institute of Technology, France", "法国示例理工学院"),
        interests=(
            "energy efficiency and decarbonization of energy-intensive industries",
            "高耗能产业的能效提升与脱碳",
        ),
    ),
    _speaker(
        "erik-sample",
        "Erik Sample",
        "SE",
        honorific=DR,
        position=(
            "Senior Researcher in Industrial Artificial Intelligence",
            "工业人工智能高级研究员",
        ),
        affiliation=("Sample Research Institute, Sweden", "瑞典示例研究院"),
        interests=(
            "industrial artificial intelligence and university–industry collaboration",
            "工业人工智能与校企协同创新",
        ),
    ),
    # Intelligent Computing and Digital Transformation.
    _speaker(
        "wang-shili",
        "Wang Shili",
        "CN",
        honorific=PROF,
        original="王示例",
        position=(
            "Professor, School of Computer Science and Engineering",
            "计算机科学与工程学院教授",
        ),
        affiliation=NEU,
        interests=("industrial big data and intelligent optimization", "工业大数据与智能优化"),
    ),
    _speaker(
        "olga-sample",
        "Olga Sample",
        "BY",
        honorific=ASSOC_PROF,
        position=("Associate Professor of Computer Science", "计算机科学副教授"),
        affiliation=("Sample State University, Belarus", "白俄罗斯示例国立大学"),
        interests=("industrial data platforms and cloud computing", "工业数据平台与云计算"),
    ),
    _speaker(
        "min-jun-sample",
        "Min-jun Sample",
        "KR",
        honorific=PROF,
        position=("Professor of Electrical and Computer Engineering", "电气与计算机工程教授"),
        affiliation=("Sample National University, South Korea", "韩国示例国立大学"),
        interests=("edge computing for smart factories", "面向智能工厂的边缘计算"),
    ),
    _speaker(
        "emily-sample",
        "Emily Sample",
        "CA",
        honorific=DR,
        position=("Research Scientist in Digital Manufacturing", "数字制造研究员"),
        affiliation=("Sample Polytechnic, Canada", "加拿大示例理工学院"),
        interests=("digital twins in the process industries", "流程工业数字孪生"),
    ),
    # Metallurgy and Metal Materials.
    _speaker(
        "liu-yangli",
        "Liu Yangli",
        "CN",
        honorific=PROF,
        original="刘样例",
        position=("Professor, School of Metallurgy", "冶金学院教授"),
        affiliation=NEU,
        interests=("low-carbon ironmaking and steelmaking", "低碳炼铁与炼钢"),
    ),
    _speaker(
        "thomas-sample",
        "Thomas Sample",
        "AT",
        honorific=DR,
        position=("Head of Materials Research", "材料研发部负责人"),
        affiliation=("Sample Steelworks, Austria", "奥地利示例钢铁公司"),
        interests=("clean steel and inclusion control", "洁净钢与夹杂物控制"),
    ),
    _speaker(
        "james-sample",
        "James Sample",
        "AU",
        honorific=PROF,
        position=("Professor of Minerals and Materials Engineering", "矿物与材料工程教授"),
        affiliation=("Sample University, Australia", "澳大利亚示例大学"),
        interests=("hydrogen-based reduction of iron ore", "铁矿石氢基还原"),
    ),
    _speaker(
        "wei-ling-sample",
        "Wei Ling Sample",
        "SG",
        honorific=DR,
        position=("Senior Scientist in Advanced Metal Materials", "先进金属材料高级研究员"),
        affiliation=("Sample Institute of Materials Research, Singapore", "新加坡示例材料研究院"),
        interests=("additive manufacturing of high-performance alloys", "高性能合金增材制造"),
    ),
    _speaker(
        "martin-sample",
        "Martin Sample",
        "SK",
        honorific=ASSOC_PROF,
        position=("Associate Professor of Metallurgy", "冶金学副教授"),
        affiliation=("Sample Technical University, Slovakia", "斯洛伐克示例工业大学"),
        interests=("joint postgraduate training in materials science", "材料科学研究生联合培养"),
    ),
]
