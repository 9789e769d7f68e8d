"""The pages organizers write: About (the series), Venue and Contact (2022), in menu order."""

from .data_2022 import NEU_ADDRESS_EN, NEU_ADDRESS_ZH

ABOUT = {
    "slug": "about",
    "title_en": "About the Conference",
    "title_zh_hans": "关于会议",
    "body_en": (
        "<p>The International Conference on the Cooperation and Integration of Industry, "
        "Education, Research and Application brings universities, research institutes and "
        "enterprises from China and abroad together to build cooperation in research, in the "
        "cultivation of talent and in putting research results to use.</p>"
        "<h2>The 2022 conference in Shenyang</h2>"
        "<p>The 2022 conference was held at Northeastern University (NEU) on 22 November 2022, "
        "on site and online. It was held under the guidance of the Ministry of Education and the "
        "People's Government of Liaoning Province, organized by the National Center for "
        "Schooling Development Programme of the Ministry of Education, and presented by the "
        "Department of Education of Liaoning Province and NEU. Its theme was “Jointly Building "
        "‘the Belt and Road’ and Working Together for Rejuvenation and Development”.</p>"
        "<h2>Focus fields</h2>"
        "<ul><li>Intelligent computing and digital transformation</li>"
        "<li>Metallurgy and metal materials</li>"
        "<li>High-end equipment manufacturing and new materials</li>"
        "<li>Intelligent chemical engineering and new energy materials</li>"
        "<li>Green and low-carbon development</li>"
        "<li>Engineering thermochemistry</li></ul>"
        "<h2>Northeastern University and the conference</h2>"
        "<p>Since 2019 NEU has taken part, four years in a row, in the special work of "
        "facilitating international industry-education-research-application cooperation, and "
        "it held the conference in 2019 and 2022. The work has become an important channel for "
        "NEU's exchange and cooperation with the countries along the Belt and Road, and it "
        "supports NEU's international research cooperation, the joint cultivation of talent "
        "and the development of its disciplines.</p>"
    ),
    "body_zh_hans": (
        "<p>国际产学研用合作会议汇聚国内外高校、科研院所和企业，推动各方在科学研究、人才培养和"
        "成果转化等方面开展务实合作。</p>"
        "<h2>2022国际产学研用合作会议（沈阳）</h2>"
        "<p>2022年会议于11月22日在东北大学以线上线下相结合的方式举行，由教育部、辽宁省人民政府"
        "指导，教育部学校规划建设发展中心主办，辽宁省教育厅、东北大学承办，主题为“共建‘一带"
        "一路’，携手振兴发展”。</p>"
        "<h2>聚焦领域</h2>"
        "<ul><li>智能计算与数字化转型</li><li>冶金与金属材料</li><li>高端装备制造与新材料</li>"
        "<li>智能化工与新能源材料</li><li>绿色低碳发展</li><li>工程热化学</li></ul>"
        "<h2>东北大学与本会议</h2>"
        "<p>自2019年起，东北大学连续四年参与国际产学研用合作专项工作，并于2019年和2022年两次"
        "举办国际产学研用合作会议。这项工作已成为学校与“一带一路”沿线国家开展交流合作的重要"
        "渠道，有力促进了学校的国际科研合作、人才联合培养和学科建设。</p>"
    ),
    "in_menu": True,
    "order": 1,
    "is_published": True,
}

VENUE = {
    "slug": "venue",
    "title_en": "Venue and Travel",
    "title_zh_hans": "会场与交通",
    "body_en": (
        "<p>The conference venue is the Nanhu Campus of Northeastern University (NEU), "
        f"{NEU_ADDRESS_EN}.</p>"
        "<h2>Getting to Shenyang</h2>"
        "<ul><li>By air: Shenyang Taoxian International Airport has domestic and international "
        "flights; taxis and public transport connect it with the city.</li>"
        "<li>By train: high-speed and regular trains stop at Shenyang Railway Station and "
        "Shenyang North Railway Station.</li></ul>"
        "<h2>Getting to the campus</h2>"
        "<p>The campus is in Heping District and can be reached by taxi or public transport. "
        "Showing the driver the address in Chinese helps:</p>"
        f"<p>{NEU_ADDRESS_ZH}，东北大学南湖校区</p>"
        "<h2>On campus</h2>"
        "<p>Signs and volunteers guide participants from the main gate to the registration "
        "desk, the main conference hall and the sub-forum rooms. Participants who join online "
        "receive the meeting links after registering.</p>"
    ),
    "body_zh_hans": (
        f"<p>会议地点为东北大学南湖校区，地址：{NEU_ADDRESS_ZH}。</p>"
        "<h2>抵达沈阳</h2>"
        "<ul><li>航空：沈阳桃仙国际机场开通国内及国际航线，可乘出租车或公共交通前往市区。</li>"
        "<li>铁路：高铁及普通列车停靠沈阳站和沈阳北站。</li></ul>"
        "<h2>前往校园</h2>"
        "<p>南湖校区位于和平区，可乘出租车或公共交通前往。</p>"
        "<h2>校内指引</h2>"
        "<p>校园正门至注册台、主会场及各分论坛会场沿途设有指示牌，并有志愿者引导。线上参会者"
        "报名成功后将收到会议链接。</p>"
    ),
    "in_menu": True,
    "order": 2,
    "is_published": True,
}

CONTACT = {
    "slug": "contact",
    "title_en": "Contact",
    "title_zh_hans": "联系我们",
    "body_en": (
        "<p>The conference is presented by Northeastern University. For questions about the "
        "conference, please write to:</p>"
        "<p>Office of International Cooperation<br>Northeastern University<br>"
        "No. 3-11, Wenhua Road, Heping District<br>Shenyang, Liaoning 110819<br>China</p>"
        "<h2>Registration</h2>"
        "<p>Questions about your registration are answered most quickly when you quote the "
        "e-mail address you registered with.</p>"
    ),
    "body_zh_hans": (
        "<p>本会议由东北大学承办。如有会议相关问题，请联系：</p>"
        "<p>东北大学国际合作与交流处<br>辽宁省沈阳市和平区文化路三巷11号<br>邮编：110819</p>"
        "<h2>报名咨询</h2>"
        "<p>咨询报名事宜时，请注明报名所用的电子邮箱，以便我们尽快答复。</p>"
    ),
    "in_menu": True,
    "order": 3,
    "is_published": True,
}

# About describes the conference series (/about/); venue and contact belong to 2022 (/2022/venue/).
SERIES_PAGES = [ABOUT]
EDITION_PAGES_2022 = [VENUE, CONTACT]
