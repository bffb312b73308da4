"""The default outline of a provincial committee's periodic report (DESIGN.md), in Vietnamese and English.

Data, not code: a country with another outline creates its own template family. Keys are stable across
versions; ``match_aliases`` are the other headings the Word importer recognises for a section.
"""

from __future__ import annotations

from rightstrack.reporting.specs import IndicatorSpec, SectionSpec

DEFAULT_FAMILY = "provincial-periodic-report"
DEFAULT_NAME = "Báo cáo định kỳ của Ban Chỉ đạo về quyền con người cấp tỉnh"
DEFAULT_NAME_EN = "Periodic report of a provincial steering committee for human rights"

DEFAULT_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        key="situation",
        title="Tình hình chung",
        title_en="General situation",
        guidance="Tóm tắt tình hình kinh tế - xã hội và tình hình bảo đảm quyền con người tại địa phương "
        "trong kỳ.",
        guidance_en="Summarise the socio-economic situation and the state of human rights in the province "
        "during the period.",
        match_aliases=("Đặc điểm tình hình", "Tình hình", "Khái quát tình hình", "Situation", "Overview"),
    ),
    SectionSpec(
        key="results",
        title="Kết quả thực hiện theo lĩnh vực",
        title_en="Results by work area",
        guidance="Kết quả đạt được trong từng lĩnh vực công tác dưới đây; nêu số liệu cụ thể khi có.",
        guidance_en="What was achieved in each work area below; give figures where you have them.",
        match_aliases=(
            "Kết quả thực hiện",
            "Kết quả đạt được",
            "Kết quả công tác",
            "Results",
            "Results achieved",
        ),
    ),
    SectionSpec(
        key="results-legal",
        parent="results",
        title="Xây dựng, hoàn thiện thể chế, chính sách pháp luật",
        title_en="Building and improving legal and policy documents",
        guidance="Văn bản quy phạm pháp luật, chính sách được ban hành, sửa đổi hoặc rà soát tại địa phương.",
        guidance_en="Legal and policy documents the province issued, amended or reviewed.",
        match_aliases=(
            "Công tác xây dựng, hoàn thiện thể chế",
            "Xây dựng văn bản quy phạm pháp luật",
            "Legal and policy building",
            "Legislation and policy",
        ),
    ),
    SectionSpec(
        key="results-education",
        parent="results",
        title="Giáo dục, đào tạo, tuyên truyền, nâng cao nhận thức về quyền con người",
        title_en="Education, training and public awareness of human rights",
        guidance="Các hoạt động tuyên truyền, phổ biến, giáo dục pháp luật và quyền con người; đối tượng, số "
        "lượt người tham gia; tập huấn cho cán bộ.",
        guidance_en="Awareness, dissemination and legal education activities on human rights; who took part "
        "and how many; training for officials.",
        match_aliases=(
            "Công tác tuyên truyền, giáo dục",
            "Tuyên truyền, phổ biến, giáo dục pháp luật",
            "Giáo dục, đào tạo, tuyên truyền",
            "Education, training and public awareness",
            "Awareness raising",
        ),
    ),
    SectionSpec(
        key="results-social",
        parent="results",
        title="Thực hiện chính sách an sinh xã hội (giảm nghèo, hỗ trợ nhóm yếu thế, hỗ trợ trong tình huống "
        "khẩn cấp)",
        title_en="Social policies (poverty reduction, support for disadvantaged groups, emergency support)",
        guidance="Giảm nghèo, hỗ trợ người cao tuổi, người khuyết tật, trẻ em, phụ nữ và các nhóm yếu thế; "
        "hỗ trợ người dân trong thiên tai, dịch bệnh.",
        guidance_en="Poverty reduction; support for older persons, persons with disabilities, children, "
        "women and other disadvantaged groups; support during disasters and epidemics.",
        match_aliases=(
            "Thực hiện chính sách an sinh xã hội",
            "Chính sách an sinh xã hội",
            "Công tác giảm nghèo",
            "Social policies",
            "Social protection",
        ),
    ),
    SectionSpec(
        key="results-religion-ethnic",
        parent="results",
        title="Công tác tôn giáo, dân tộc",
        title_en="Religious and ethnic affairs",
        guidance="Bảo đảm quyền tự do tín ngưỡng, tôn giáo; thực hiện chính sách dân tộc.",
        guidance_en="Freedom of belief and religion; implementation of ethnic minority policies.",
        match_aliases=(
            "Công tác dân tộc, tôn giáo",
            "Tôn giáo, dân tộc",
            "Religious and ethnic affairs",
            "Ethnic and religious affairs",
        ),
    ),
    SectionSpec(
        key="results-coordination",
        parent="results",
        title="Công tác phối hợp giữa các cơ quan",
        title_en="Coordination among agencies",
        guidance="Phối hợp giữa các sở, ngành, đoàn thể và với Ban Chỉ đạo cấp trên.",
        guidance_en="Coordination among departments, mass organisations and with the national committee.",
        match_aliases=(
            "Công tác phối hợp",
            "Phối hợp liên ngành",
            "Coordination",
            "Inter-agency coordination",
        ),
    ),
    SectionSpec(
        key="results-international",
        parent="results",
        title="Hợp tác quốc tế và báo cáo quốc gia",
        title_en="International cooperation and reporting",
        guidance="Hợp tác quốc tế về quyền con người; đóng góp cho báo cáo quốc gia (UPR, công ước).",
        guidance_en="International cooperation on human rights; contributions to national reports (UPR, "
        "treaty bodies).",
        match_aliases=(
            "Hợp tác quốc tế",
            "Công tác đối ngoại",
            "International cooperation",
            "International cooperation and reporting",
        ),
    ),
    SectionSpec(
        key="limitations",
        title="Hạn chế, thiếu sót",
        title_en="Limitations and shortcomings",
        guidance="Những việc chưa làm được hoặc làm chưa tốt trong kỳ.",
        guidance_en="What was not done, or not done well, during the period.",
        match_aliases=("Tồn tại, hạn chế", "Hạn chế", "Những hạn chế", "Limitations", "Shortcomings"),
    ),
    SectionSpec(
        key="difficulties",
        title="Khó khăn, thách thức và nguyên nhân",
        title_en="Difficulties, challenges and their causes",
        guidance="Khó khăn, thách thức; nguyên nhân khách quan và chủ quan.",
        guidance_en="Difficulties and challenges, and their objective and subjective causes.",
        match_aliases=(
            "Khó khăn, vướng mắc",
            "Nguyên nhân",
            "Khó khăn, thách thức",
            "Difficulties and challenges",
            "Causes",
        ),
    ),
    SectionSpec(
        key="lessons",
        title="Bài học kinh nghiệm",
        title_en="Lessons learned",
        guidance="Những kinh nghiệm có thể chia sẻ với các địa phương khác.",
        guidance_en="Experience worth sharing with other provinces.",
        match_aliases=("Bài học", "Lessons learned", "Lessons"),
    ),
    SectionSpec(
        key="proposals",
        title="Kiến nghị, đề xuất với cấp trên",
        title_en="Proposals to higher authorities",
        guidance="Kiến nghị ban hành, sửa đổi luật, chính sách; đề xuất hỗ trợ từ Trung ương.",
        guidance_en="Proposals to issue or amend laws and policies; support requested from the national "
        "level.",
        match_aliases=(
            "Kiến nghị, đề xuất",
            "Đề xuất, kiến nghị",
            "Kiến nghị",
            "Proposals",
            "Recommendations",
        ),
    ),
    SectionSpec(
        key="directives",
        title="Kết quả thực hiện các chỉ đạo trước đây",
        title_en="Response to previous directives",
        guidance="Việc thực hiện các chỉ đạo, kết luận của Ban Chỉ đạo cấp trên từ kỳ trước.",
        guidance_en="How the province carried out the directives and conclusions of earlier cycles.",
        match_aliases=(
            "Kết quả thực hiện chỉ đạo",
            "Thực hiện các nhiệm vụ được giao",
            "Response to directives",
            "Follow-up to previous directives",
        ),
    ),
)

DEFAULT_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        key="awareness-sessions",
        label="Số buổi tuyên truyền, phổ biến về quyền con người",
        label_en="Awareness sessions held",
        unit="buổi",
        unit_en="sessions",
    ),
    IndicatorSpec(
        key="awareness-participants",
        label="Số lượt người tham dự tuyên truyền, phổ biến",
        label_en="Participants in awareness sessions",
        unit="lượt người",
        unit_en="participants",
    ),
    IndicatorSpec(
        key="staff-trained",
        label="Số cán bộ được tập huấn, bồi dưỡng",
        label_en="Staff trained",
        unit="người",
        unit_en="people",
    ),
    IndicatorSpec(
        key="legal-documents",
        label="Số văn bản pháp luật, chính sách được ban hành hoặc rà soát",
        label_en="Legal documents issued or reviewed",
        unit="văn bản",
        unit_en="documents",
    ),
    IndicatorSpec(
        key="households-supported",
        label="Số hộ được hỗ trợ từ các chương trình giảm nghèo",
        label_en="Households supported by poverty programmes",
        unit="hộ",
        unit_en="households",
    ),
    IndicatorSpec(
        key="poverty-rate",
        label="Tỷ lệ hộ nghèo cuối kỳ",
        label_en="Poverty rate at the end of the period",
        unit="%",
        unit_en="%",
        sums_across_bodies=False,
        decimals=2,
    ),
)
