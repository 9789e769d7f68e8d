"""News: NEU's report on the 2022 conference, and the registration announcement before it."""

import datetime

from events.models import NewsArticle

# NEU News, updated 2022-12-02. The English text is the report's own; the Chinese is a
# translation in the wording Chinese universities use (指导 / 主办 / 承办).
REPORT = {
    "slug": "2022-conference-held-at-neu",
    "title_en": (
        "The 2022 International Conference on the Cooperation and Integration of Industry, "
        "Education, Research and Application (Shenyang) Held at NEU"
    ),
    "title_zh_hans": "2022国际产学研用合作会议（沈阳）在东北大学召开",
    "summary_en": (
        "More than 300 experts and scholars and 200 postgraduates from over ten countries and "
        "regions met at NEU, on site and online, on 22 November 2022."
    ),
    "summary_zh_hans": (
        "2022年11月22日，来自十余个国家和地区的300余名专家学者和200名研究生以线上线下相结合的"
        "方式齐聚东北大学。"
    ),
    "body_en": (
        "<p>On November 22, the 2022 International Conference on the Cooperation and Integration "
        "of Industry, Education, Research and Application (Shenyang) was held at NEU. Under the "
        "guidance of the Ministry of Education and the People's Government of Liaoning Province, "
        "it was organized by the National Center for Schooling Development Programme of the "
        "Ministry of Education and presented by the Department of Education of Liaoning Province "
        "and NEU.</p>"
        "<p>The conference was conducted in the mode of online and offline interaction. Themed "
        "Jointly Building 'the Belt and Road' and Working together for Rejuvenation and "
        "Development, it focused on such fields as intelligent computing and digital "
        "transformation, metallurgy and metal materials, high-end equipment manufacturing and "
        "new materials, intelligent chemical engineering and new energy materials, green and "
        "low-carbon development, and engineering thermochemistry. NEU hosted two sub-forums, "
        "namely Intelligent Computing and Digital Transformation and Metallurgy and Metal "
        "Materials. The meeting was attended by more than 300 experts and scholars and 200 "
        "postgraduates from universities, research institutes and enterprises in Canada, Russia, "
        "Belarus, France, Sweden, Australia, South Korea, Austria, Slovakia, Singapore and other "
        "countries and regions and foreign experts were invited to give keynote reports at the "
        "conference.</p>"
        "<p>NEU has been attaching great importance to international cooperation and integration "
        "of industry, education, research and application. Since 2019, NEU has participated in "
        "the special work of facilitating international industry-education-research-application "
        "cooperation for four consecutive years, and successfully held the international "
        "industry-education-research-application cooperation conferences in 2019 and 2022. The "
        "work has become an important and effective way for the exchange and cooperation between "
        "NEU and the countries along the Belt and Road as well as the high-level international "
        "cooperation of NEU. It has played a positive role in promoting NEU's international "
        "scientific research cooperation, joint cultivation of talents and discipline "
        "construction.</p>"
    ),
    "body_zh_hans": (
        "<p>11月22日，2022国际产学研用合作会议（沈阳）在东北大学召开。会议由教育部、辽宁省人民"
        "政府指导，教育部学校规划建设发展中心主办，辽宁省教育厅、东北大学承办。</p>"
        "<p>会议采取线上线下互动的方式举行，以“共建‘一带一路’，携手振兴发展”为主题，聚焦智能"
        "计算与数字化转型、冶金与金属材料、高端装备制造与新材料、智能化工与新能源材料、绿色低碳"
        "发展、工程热化学等领域。东北大学承办了“智能计算与数字化转型”和“冶金与金属材料”两个"
        "分论坛。来自加拿大、俄罗斯、白俄罗斯、法国、瑞典、澳大利亚、韩国、奥地利、斯洛伐克、"
        "新加坡等国家和地区高校、科研院所和企业的300余名专家学者及200名研究生参加会议，会议还"
        "邀请外方专家作了主旨报告。</p>"
        "<p>东北大学高度重视国际产学研用合作工作。自2019年起，学校连续四年参与国际产学研用合作"
        "专项工作，先后于2019年和2022年成功举办国际产学研用合作会议。这项工作已成为学校与"
        "“一带一路”沿线国家开展交流合作、推进高水平国际合作的重要而有效的途径，对推动学校国际"
        "科研合作、人才联合培养和学科建设发挥了积极作用。</p>"
    ),
    "written_by_en": "",
    "written_by_zh_hans": "",
    # The report gives the editors in Latin script only; the Chinese falls back to it.
    "edited_by_en": "Lei Chang, Yuhui Wang",
    "edited_by_zh_hans": "",
    "source_en": "NEU News",
    "source_zh_hans": "东北大学新闻网",
    "published_on": datetime.date(2022, 12, 2),
    "updated_on": datetime.date(2022, 12, 2),
    "status": NewsArticle.Status.PUBLISHED,
}

# Announces the registration window stored on the 2022 edition; the rest restates the report.
REGISTRATION_OPENS = {
    "slug": "2022-conference-registration-opens",
    "title_en": "Registration Opens for the 2022 Conference in Shenyang",
    "title_zh_hans": "2022国际产学研用合作会议（沈阳）开放报名",
    "summary_en": (
        "Register by 20 November to take part on site at Northeastern University or online "
        "on 22 November 2022."
    ),
    "summary_zh_hans": "报名截至11月20日，可选择2022年11月22日到东北大学现场参会或线上参会。",
    "body_en": (
        "<p>Registration is open for the 2022 International Conference on the Cooperation and "
        "Integration of Industry, Education, Research and Application (Shenyang), which "
        "Northeastern University holds on 22 November 2022 both on site and online.</p>"
        "<p>Under the theme “Jointly Building ‘the Belt and Road’ and Working Together for "
        "Rejuvenation and Development”, the conference focuses on six fields:</p>"
        "<ul><li>intelligent computing and digital transformation</li>"
        "<li>metallurgy and metal materials</li>"
        "<li>high-end equipment manufacturing and new materials</li>"
        "<li>intelligent chemical engineering and new energy materials</li>"
        "<li>green and low-carbon development</li>"
        "<li>engineering thermochemistry</li></ul>"
        "<p>Registration is open from 10 October to 20 November 2022. On-site seats are limited; "
        "participants who join online receive the meeting links after registering.</p>"
    ),
    "body_zh_hans": (
        "<p>2022国际产学研用合作会议（沈阳）将于2022年11月22日在东北大学以线上线下相结合的方式"
        "举行，现已开放报名。</p>"
        "<p>会议以“共建‘一带一路’，携手振兴发展”为主题，聚焦以下六个领域：</p>"
        "<ul><li>智能计算与数字化转型</li><li>冶金与金属材料</li><li>高端装备制造与新材料</li>"
        "<li>智能化工与新能源材料</li><li>绿色低碳发展</li><li>工程热化学</li></ul>"
        "<p>报名时间为2022年10月10日至11月20日。现场名额有限；线上参会者报名成功后将收到会议"
        "链接。</p>"
    ),
    "written_by_en": "",
    "written_by_zh_hans": "",
    "edited_by_en": "",
    "edited_by_zh_hans": "",
    "source_en": "",
    "source_zh_hans": "",
    "published_on": datetime.date(2022, 10, 10),
    "updated_on": None,
    "status": NewsArticle.Status.PUBLISHED,
}

ARTICLES = [REPORT, REGISTRATION_OPENS]
