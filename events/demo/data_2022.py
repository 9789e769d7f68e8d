"""The series, the organizations and the 2022 edition as NEU's news report describes them."""

import datetime
import zoneinfo

from events.models import Mode, Organization, OrganizerRole

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

SERIES = {
    "slug": "industry-education-research-application",
    "name_en": (
        "International Conference on the Cooperation and Integration of Industry, "
        "Education, Research and Application"
    ),
    "name_zh_hans": "国际产学研用合作会议",
    "short_name_en": "Industry–Education Cooperation Conference",
    "short_name_zh_hans": "产学研用合作会议",
}

MOE = "Ministry of Education of the People's Republic of China"
LIAONING = "People's Government of Liaoning Province"
CSDP = "National Center for Schooling Development Programme of the Ministry of Education"
LIAONING_EDUCATION = "Department of Education of Liaoning Province"
NEU = "Northeastern University"
NEU_ADDRESS_EN = "No. 3-11, Wenhua Road, Heping District, Shenyang, Liaoning, China"
NEU_ADDRESS_ZH = "辽宁省沈阳市和平区文化路三巷11号"

# Looked up by ``name_en``; the roles below refer to them by that name.
ORGANIZATIONS = [
    {
        "name_en": MOE,
        "name_zh_hans": "中华人民共和国教育部",
        "short_name_en": "Ministry of Education",
        "short_name_zh_hans": "教育部",
        "type": Organization.Type.GOVERNMENT,
        "country": "CN",
        "website": "http://www.moe.gov.cn/",
    },
    {
        "name_en": LIAONING,
        "name_zh_hans": "辽宁省人民政府",
        "short_name_en": "Liaoning Provincial Government",
        "short_name_zh_hans": "辽宁省政府",
        "type": Organization.Type.GOVERNMENT,
        "country": "CN",
        "website": "",
    },
    {
        "name_en": CSDP,
        "name_zh_hans": "教育部学校规划建设发展中心",
        "short_name_en": "",
        "short_name_zh_hans": "",
        "type": Organization.Type.GOVERNMENT,
        "country": "CN",
        "website": "",
    },
    {
        "name_en": LIAONING_EDUCATION,
        "name_zh_hans": "辽宁省教育厅",
        "short_name_en": "",
        "short_name_zh_hans": "",
        "type": Organization.Type.GOVERNMENT,
        "country": "CN",
        "website": "",
    },
    {
        "name_en": NEU,
        "name_zh_hans": "东北大学",
        "short_name_en": "NEU",
        "short_name_zh_hans": "东北大学",
        "type": Organization.Type.UNIVERSITY,
        "country": "CN",
        "website": "https://www.neu.edu.cn/",
        "address_en": NEU_ADDRESS_EN,
        "address_zh_hans": NEU_ADDRESS_ZH,
    },
]

# (organization name_en, role), in the order the report reads them out.
ROLES = [
    (MOE, OrganizerRole.Role.GUIDANCE),
    (LIAONING, OrganizerRole.Role.GUIDANCE),
    (CSDP, OrganizerRole.Role.ORGANIZER),
    (LIAONING_EDUCATION, OrganizerRole.Role.PRESENTER),
    (NEU, OrganizerRole.Role.PRESENTER),
]

EDITION = {
    "year": 2022,
    "title_en": (
        "2022 International Conference on the Cooperation and Integration of Industry, "
        "Education, Research and Application (Shenyang)"
    ),
    "title_zh_hans": "2022国际产学研用合作会议（沈阳）",
    "short_title_en": "Shenyang 2022",
    "short_title_zh_hans": "2022·沈阳",
    "theme_en": (
        "Jointly Building ‘the Belt and Road’ and Working Together for Rejuvenation and Development"
    ),
    "theme_zh_hans": "共建“一带一路”，携手振兴发展",
    "description_en": (
        "<p>On 22 November 2022 Northeastern University (NEU) in Shenyang held the 2022 "
        "International Conference on the Cooperation and Integration of Industry, Education, "
        "Research and Application. Under the guidance of the Ministry of Education and the "
        "People's Government of Liaoning Province, it was organized by the National Center for "
        "Schooling Development Programme of the Ministry of Education and presented by the "
        "Department of Education of Liaoning Province and NEU, with participants joining both "
        "on site and online.</p>"
        "<p>Under the theme “Jointly Building ‘the Belt and Road’ and Working Together for "
        "Rejuvenation and Development”, the conference focused on six fields, from intelligent "
        "computing and digital transformation to engineering thermochemistry. NEU hosted two "
        "sub-forums: Intelligent Computing and Digital Transformation, and Metallurgy and Metal "
        "Materials. More than 300 experts and scholars and 200 postgraduates from universities, "
        "research institutes and enterprises in Canada, Russia, Belarus, France, Sweden, "
        "Australia, South Korea, Austria, Slovakia, Singapore and other countries and regions "
        "took part, and foreign experts were invited to give keynote reports.</p>"
    ),
    "description_zh_hans": (
        "<p>2022国际产学研用合作会议（沈阳）于2022年11月22日在东北大学举行。会议由教育部、"
        "辽宁省人民政府指导，教育部学校规划建设发展中心主办，辽宁省教育厅、东北大学承办，"
        "采取线上线下互动的方式进行。</p>"
        "<p>会议以“共建‘一带一路’，携手振兴发展”为主题，聚焦智能计算与数字化转型、冶金与"
        "金属材料、高端装备制造与新材料、智能化工与新能源材料、绿色低碳发展、工程热化学等领域。"
        "东北大学承办了“智能计算与数字化转型”“冶金与金属材料”两个分论坛。来自加拿大、俄罗斯、"
        "白俄罗斯、法国、瑞典、澳大利亚、韩国、奥地利、斯洛伐克、新加坡等国家和地区高校、科研"
        "院所及企业的300余名专家学者和200名研究生参加会议，外方专家应邀作主旨报告。</p>"
    ),
    "start_date": datetime.date(2022, 11, 22),
    "end_date": datetime.date(2022, 11, 22),
    "time_zone": "Asia/Shanghai",
    "city_en": "Shenyang",
    "city_zh_hans": "沈阳",
    "venue_en": NEU,
    "venue_zh_hans": "东北大学",
    "address_en": NEU_ADDRESS_EN,
    "address_zh_hans": NEU_ADDRESS_ZH,
    "mode": Mode.HYBRID,
    "registration_opens": datetime.datetime(2022, 10, 10, 9, 0, tzinfo=SHANGHAI),
    "registration_closes": datetime.datetime(2022, 11, 20, 23, 59, tzinfo=SHANGHAI),
    "is_published": True,
    "is_current": True,
    # China hosts; the other ten are the countries the report names.
    "participating_countries": ["CN", "CA", "RU", "BY", "FR", "SE", "AU", "KR", "AT", "SK", "SG"],
    # The report lists ten countries "and other countries and regions": shown as "10+".
    "countries_count": 10,
    "experts_count": 300,
    "postgraduates_count": 200,
    "on_site_capacity": 400,
    # The report names no signatory: letters are signed by the committee, labelled as such.
    "signatory_name_en": "Organizing Committee",
    "signatory_name_zh_hans": "会议组委会",
    "signatory_position_en": "2022 International Conference on the Cooperation and Integration "
    "of Industry, Education, Research and Application",
    "signatory_position_zh_hans": "2022国际产学研用合作会议",
}

# The six focus fields, in the report's order.
TOPICS = [
    ("Intelligent Computing and Digital Transformation", "智能计算与数字化转型"),
    ("Metallurgy and Metal Materials", "冶金与金属材料"),
    ("High-end Equipment Manufacturing and New Materials", "高端装备制造与新材料"),
    ("Intelligent Chemical Engineering and New Energy Materials", "智能化工与新能源材料"),
    ("Green and Low-carbon Development", "绿色低碳发展"),
    ("Engineering Thermochemistry", "工程热化学"),
]

_BUILDING = {
    "building_en": "Nanhu Campus, Northeastern University",
    "building_zh_hans": "东北大学南湖校区",
}
_DIRECTIONS = {
    "directions_en": (
        "Follow the conference signs from the campus main gate; volunteers at the registration "
        "desk will show you the way."
    ),
    "directions_zh_hans": "请自校园正门沿会议指示牌前往，注册台志愿者将为您引路。",
}

# Keyed by a short name the program refers to; looked up by ``name_en``.
ROOMS = {
    "main-hall": {"name_en": "Main Conference Hall", "name_zh_hans": "主会场", "capacity": 400},
    "room-a": {"name_en": "Sub-forum Room A", "name_zh_hans": "分论坛A会场", "capacity": 150},
    "room-b": {"name_en": "Sub-forum Room B", "name_zh_hans": "分论坛B会场", "capacity": 150},
}
for _room in ROOMS.values():
    _room.update(_BUILDING, **_DIRECTIONS)

# The two sub-forums NEU hosted; ``topic`` is the English focus field, ``chairs`` speaker slugs.
SUB_FORUMS = [
    {
        "slug": "intelligent-computing",
        "title_en": "Intelligent Computing and Digital Transformation",
        "title_zh_hans": "智能计算与数字化转型分论坛",
        "description_en": (
            "<p>The sub-forum brings together researchers from universities and research "
            "institutes and engineers from enterprises to discuss how intelligent computing "
            "supports the digital transformation of industry, from industrial data and "
            "artificial intelligence to digital twins of production processes.</p>"
        ),
        "description_zh_hans": (
            "<p>本分论坛汇聚高校、科研院所的研究人员和企业工程技术人员，围绕智能计算如何助力"
            "产业数字化转型展开研讨，议题涵盖工业数据、人工智能以及生产过程数字孪生等方向。</p>"
        ),
        "topic": "Intelligent Computing and Digital Transformation",
        "room": "room-a",
        "capacity": 120,
        "online_meeting_url": "https://meeting.example.org/neu-2022/intelligent-computing",
        "order": 1,
        "chairs": ["wang-shili", "olga-sample"],
    },
    {
        "slug": "metallurgy",
        "title_en": "Metallurgy and Metal Materials",
        "title_zh_hans": "冶金与金属材料分论坛",
        "description_en": (
            "<p>The sub-forum discusses cooperation between universities, research institutes "
            "and steel and materials enterprises in process metallurgy, low-carbon ironmaking and "
            "steelmaking, and advanced metal materials, and the joint training of postgraduates "
            "in these fields.</p>"
        ),
        "description_zh_hans": (
            "<p>本分论坛围绕过程冶金、低碳炼铁炼钢和先进金属材料等方向，探讨高校、科研院所与"
            "钢铁及材料企业之间的合作，以及相关领域研究生的联合培养。</p>"
        ),
        "topic": "Metallurgy and Metal Materials",
        "room": "room-b",
        "capacity": 120,
        "online_meeting_url": "https://meeting.example.org/neu-2022/metallurgy",
        "order": 2,
        "chairs": ["liu-yangli", "alexei-sample"],
    },
]
