"""The demo's recommendations to Viet Nam, as text: the UPR ones, the treaty bodies' and special
procedures', and Vietnamese names for the themes and groups they use.

DEMO DATA, written for this demo in the UN's format (number, text, the recommending States in brackets,
position, source of position); generic and plausible, not the text of any real recommendation. Their document
symbols carry "DEMO" so that no one takes them for the UN's.
"""

from __future__ import annotations

from typing import Any

from rightstrack.recommendations.choices import Mechanism, Position

UPR_SESSION = "46"
UPR_SOURCE = "A/HRC/DEMO/46/Add.1 - Para. 2"
S, N = Position.SUPPORTED, Position.NOTED

# (number, text, states, position, themes, affected persons, SDG targets, Vietnamese text)
UPR: tuple[tuple[Any, ...], ...] = (
    (
        "120.1",
        "Consider ratifying further core international human rights instruments to which it is not yet a "
        "party",
        ["Chile", "Ghana"],
        N,
        ["Ratification of & accession to international instruments"],
        ["General"],
        ["16.10"],
        "Xem xét phê chuẩn thêm các văn kiện quốc tế cốt lõi về quyền con người mà Việt Nam chưa là thành "
        "viên",
    ),
    (
        "120.2",
        "Continue to cooperate with the United Nations human rights mechanisms, including by responding to "
        "communications in a timely manner",
        ["Indonesia"],
        S,
        ["Cooperation with special procedures", "Cooperation with treaty bodies"],
        ["General"],
        ["16.10"],
        "Tiếp tục hợp tác với các cơ chế nhân quyền của Liên hợp quốc, kể cả bằng việc trả lời kịp thời "
        "các thư "
        "thông tin",
    ),
    (
        "120.3",
        "Continue to submit overdue reports to the treaty bodies",
        ["Sierra Leone"],
        S,
        ["Cooperation with treaty bodies"],
        ["General"],
        [],
        "Tiếp tục nộp các báo cáo quá hạn cho các ủy ban công ước",
    ),
    (
        "120.4",
        "Strengthen the national mechanism for implementation, reporting and follow-up, including at the "
        "provincial level",
        ["Paraguay", "Portugal"],
        S,
        ["Human rights policies", "Institutions & policies - general"],
        ["Public officials"],
        ["16.6", "17.18"],
        "Tăng cường cơ chế quốc gia về thực hiện, báo cáo và theo dõi, kể cả ở cấp tỉnh",
    ),
    (
        "120.5",
        "Consider establishing a national human rights institution in line with the Paris Principles",
        ["Germany", "Mongolia", "Nepal"],
        S,
        ["National Human Rights Institution (NHRI)"],
        ["General"],
        ["16.a"],
        "Xem xét thành lập cơ quan nhân quyền quốc gia phù hợp với các Nguyên tắc Paris",
    ),
    (
        "120.6",
        "Continue human rights education and training for public officials, law enforcement officers and "
        "judges",
        ["Philippines"],
        S,
        ["Human rights education - general", "Human rights education, trainings and awareness raising"],
        ["Public officials", "Judges, lawyers and prosecutors"],
        ["4.7"],
        "Tiếp tục giáo dục và đào tạo về quyền con người cho cán bộ, công chức, lực lượng thực thi pháp "
        "luật và "
        "thẩm phán",
    ),
    (
        "120.7",
        "Include human rights in the curricula of schools at all levels",
        ["Morocco"],
        S,
        ["Human rights education - general", "Right to education"],
        ["Children"],
        ["4.7"],
        "Đưa nội dung quyền con người vào chương trình giảng dạy ở mọi cấp học",
    ),
    (
        "120.8",
        "Adopt a comprehensive anti-discrimination law that covers all grounds of discrimination",
        ["Canada"],
        N,
        ["Equality & non-discrimination", "Constitutional & legislative framework"],
        ["General"],
        ["10.3", "16.b"],
        "Thông qua luật toàn diện về chống phân biệt đối xử bao quát mọi căn cứ phân biệt đối xử",
    ),
    (
        "120.9",
        "Continue efforts to reduce multidimensional poverty, in particular in ethnic minority and "
        "mountainous "
        "areas",
        ["Lao People's Democratic Republic", "Cambodia"],
        S,
        ["Human rights & poverty", "Right to an adequate standard of living - general"],
        [
            "Persons living in poverty",
            "Minorities/ racial, ethnic, linguistic, religious or descent-based groups",
        ],
        ["1.2", "1.4"],
        "Tiếp tục nỗ lực giảm nghèo đa chiều, đặc biệt ở vùng đồng bào dân tộc thiểu số và miền núi",
    ),
    (
        "120.10",
        "Expand the coverage of social insurance and social assistance to workers in the informal sector",
        ["Thailand"],
        S,
        ["Right to social security"],
        ["Persons living in poverty", "Workers"],
        ["1.3", "8.5"],
        "Mở rộng độ bao phủ của bảo hiểm xã hội và trợ giúp xã hội đối với người lao động khu vực phi "
        "chính thức",
    ),
    (
        "120.11",
        "Continue to improve access to quality health care in rural and remote areas",
        ["Cuba", "Sri Lanka"],
        S,
        ["Right to health - general", "Access to health-care (general)"],
        ["Rural women", "Persons living in rural areas"],
        ["3.8"],
        "Tiếp tục cải thiện khả năng tiếp cận dịch vụ y tế có chất lượng ở vùng nông thôn, vùng sâu, vùng xa",
    ),
    (
        "120.12",
        "Ensure equal access to education for children with disabilities, including through inclusive "
        "schools",
        ["Malaysia"],
        S,
        ["Right to education", "Persons with disabilities: accessibility, mobility"],
        ["Persons with disabilities", "Children"],
        ["4.5", "4.a"],
        "Bảo đảm tiếp cận bình đẳng với giáo dục cho trẻ em khuyết tật, kể cả thông qua trường học hòa nhập",
    ),
    (
        "120.13",
        "Strengthen measures to prevent and respond to domestic and gender-based violence, including "
        "shelters "
        "and hotlines",
        ["Australia", "Iceland"],
        S,
        ["Domestic violence", "Violence against women"],
        ["Women & girls"],
        ["5.2"],
        "Tăng cường biện pháp phòng ngừa và ứng phó với bạo lực gia đình và bạo lực trên cơ sở giới, kể cả "
        "nhà "
        "tạm lánh và đường dây nóng",
    ),
    (
        "120.14",
        "Increase the participation of women in leadership positions in public administration",
        ["Bangladesh"],
        S,
        ["Women's participation in political & public life"],
        ["Women & girls"],
        ["5.5"],
        "Tăng tỷ lệ phụ nữ giữ vị trí lãnh đạo trong cơ quan hành chính nhà nước",
    ),
    (
        "120.15",
        "Continue to combat trafficking in persons, in particular women and children, and to support victims",
        ["Belarus", "Myanmar"],
        S,
        ["Prohibition of slavery, trafficking"],
        ["Women & girls", "Children", "Victims of trafficking"],
        ["5.2", "16.2"],
        "Tiếp tục phòng, chống mua bán người, đặc biệt là phụ nữ và trẻ em, và hỗ trợ nạn nhân",
    ),
    (
        "120.16",
        "Raise the minimum age of criminal responsibility and strengthen child-friendly justice",
        ["Slovenia"],
        N,
        ["Children: juvenile justice", "Administration of justice & fair trial"],
        ["Children", "Juveniles"],
        ["16.3"],
        "Nâng độ tuổi chịu trách nhiệm hình sự tối thiểu và tăng cường tư pháp thân thiện với trẻ em",
    ),
    (
        "120.17",
        "Strengthen legal aid services so that poor and vulnerable persons have access to justice",
        ["Egypt"],
        S,
        ["Administration of justice & fair trial", "Right to an effective remedy"],
        ["Persons living in poverty"],
        ["16.3"],
        "Tăng cường dịch vụ trợ giúp pháp lý để người nghèo và người dễ bị tổn thương được tiếp cận công lý",
    ),
    (
        "120.18",
        "Continue to implement the national programme on climate change adaptation with a focus on affected "
        "communities",
        ["Fiji"],
        S,
        ["Human rights & the environment"],
        ["Persons living in rural areas"],
        ["13.1", "13.2"],
        "Tiếp tục thực hiện chương trình quốc gia về thích ứng với biến đổi khí hậu, chú trọng các cộng đồng "
        "bị ảnh hưởng",
    ),
    (
        "120.19",
        "Protect the rights of migrant workers abroad, including through consular support and pre-departure "
        "training",
        ["Philippines"],
        S,
        ["Migrants"],
        ["Migrants"],
        ["8.8", "10.7"],
        "Bảo vệ quyền của người lao động di cư ở nước ngoài, kể cả bằng hỗ trợ lãnh sự và đào tạo trước khi "
        "xuất cảnh",
    ),
    (
        "120.20",
        "Ensure universal birth registration, including for children born in remote areas",
        ["Türkiye"],
        S,
        ["Rights related to name, identity & nationality"],
        ["Children"],
        ["16.9"],
        "Bảo đảm đăng ký khai sinh cho mọi trẻ em, kể cả trẻ em sinh ra ở vùng sâu, vùng xa",
    ),
    (
        "120.21",
        "Review legislation on the press and on access to information to bring it in line with international "
        "standards",
        ["Netherlands (Kingdom of the)"],
        N,
        ["Freedom of opinion and expression"],
        ["Media"],
        ["16.10"],
        "Rà soát pháp luật về báo chí và tiếp cận thông tin cho phù hợp với chuẩn mực quốc tế",
    ),
    (
        "120.22",
        "Continue to ensure the rights of persons with disabilities to work, including reasonable "
        "accommodation",
        ["Japan"],
        S,
        ["Persons with disabilities: definition, general principles", "Right to work"],
        ["Persons with disabilities"],
        ["8.5"],
        "Tiếp tục bảo đảm quyền làm việc của người khuyết tật, kể cả điều chỉnh hợp lý",
    ),
)

# Treaty bodies' concluding observations: (mechanism, session, number (paragraph), text, themes, persons,
# SDG targets, Vietnamese text).
TREATY: tuple[tuple[Any, ...], ...] = (
    (
        Mechanism.CEDAW,
        "DEMO-86",
        "12(a)",
        "Ensure that the definition of discrimination against women in national law covers direct and "
        "indirect "
        "discrimination in the public and private spheres",
        ["Discrimination against women", "Constitutional & legislative framework"],
        ["Women & girls"],
        ["5.1"],
        "Bảo đảm định nghĩa về phân biệt đối xử với phụ nữ trong pháp luật quốc gia bao quát phân biệt đối "
        "xử "
        "trực tiếp và gián tiếp trong khu vực công và tư",
    ),
    (
        Mechanism.CEDAW,
        "DEMO-86",
        "24(b)",
        "Allocate adequate resources to the prevention of gender-based violence against women at the commune "
        "level",
        ["Violence against women"],
        ["Women & girls"],
        ["5.2"],
        "Phân bổ đủ nguồn lực cho phòng ngừa bạo lực trên cơ sở giới đối với phụ nữ ở cấp xã",
    ),
    (
        Mechanism.CRC,
        "DEMO-90",
        "18",
        "Strengthen the collection of data disaggregated by age, sex, disability and ethnicity on all "
        "areas of "
        "the Convention",
        ["Children: definition; general principles; protection"],
        ["Children"],
        ["17.18"],
        "Tăng cường thu thập dữ liệu phân tách theo tuổi, giới tính, khuyết tật và dân tộc về mọi lĩnh vực "
        "của Công ước",
    ),
    (
        Mechanism.CRC,
        "DEMO-90",
        "31(c)",
        "Prohibit corporal punishment of children in all settings and promote positive discipline",
        ["Children: protection against exploitation"],
        ["Children"],
        ["16.2"],
        "Cấm trừng phạt thân thể trẻ em trong mọi môi trường và thúc đẩy kỷ luật tích cực",
    ),
    (
        Mechanism.CAT,
        "DEMO-80",
        "15",
        "Ensure that all persons deprived of their liberty are afforded all fundamental legal safeguards "
        "from "
        "the outset of detention",
        ["Prohibition of torture and cruel, inhuman or degrading treatment", "Conditions of detention"],
        ["Persons deprived of their liberty"],
        ["16.3"],
        "Bảo đảm mọi người bị tước tự do được hưởng mọi bảo đảm pháp lý cơ bản ngay từ khi bị tạm giữ",
    ),
    (
        Mechanism.CCPR,
        "DEMO-137",
        "29",
        "Take measures to guarantee the independence of the judiciary and the security of tenure of judges",
        ["Administration of justice & fair trial"],
        ["Judges, lawyers and prosecutors"],
        ["16.3", "16.6"],
        "Có biện pháp bảo đảm tính độc lập của tư pháp và nhiệm kỳ của thẩm phán",
    ),
    (
        Mechanism.CESCR,
        "DEMO-74",
        "40",
        "Ensure access to safe drinking water and sanitation for households in rural and mountainous areas",
        ["Human Rights & drinking water and sanitation"],
        ["Persons living in rural areas"],
        ["6.1", "6.2"],
        "Bảo đảm hộ gia đình ở vùng nông thôn, miền núi được tiếp cận nước sạch và vệ sinh an toàn",
    ),
    (
        Mechanism.CERD,
        "DEMO-110",
        "21",
        "Ensure the participation of ethnic minorities in decisions on development projects that affect "
        "their "
        "lands",
        ["Racial discrimination", "Land & property"],
        ["Minorities/ racial, ethnic, linguistic, religious or descent-based groups"],
        ["10.2"],
        "Bảo đảm sự tham gia của đồng bào dân tộc thiểu số vào quyết định về các dự án phát triển ảnh hưởng "
        "đến đất đai của họ",
    ),
    (
        Mechanism.CRPD,
        "DEMO-31",
        "14",
        "Adopt accessibility standards for public buildings, transport and information, with a plan and a "
        "budget",
        ["Persons with disabilities: accessibility, mobility"],
        ["Persons with disabilities"],
        ["11.2", "11.7"],
        "Ban hành tiêu chuẩn tiếp cận đối với công trình công cộng, giao thông và thông tin, kèm kế hoạch và "
        "ngân sách",
    ),
    (
        Mechanism.SP,
        "DEMO-SR-poverty",
        "88(d)",
        "Simplify the procedures to apply for social assistance so that eligible households actually "
        "receive it",
        ["Human rights & poverty", "Right to social security"],
        ["Persons living in poverty"],
        ["1.3"],
        "Đơn giản hóa thủ tục đề nghị trợ giúp xã hội để các hộ đủ điều kiện thực sự được hưởng",
    ),
)


# Vietnamese names for the themes and groups the demo uses (imports bring the English ones; people add these).
THEME_VI = {
    "Ratification of & accession to international instruments": "Phê chuẩn và gia nhập điều ước quốc tế",
    "Cooperation with special procedures": "Hợp tác với các thủ tục đặc biệt",
    "Cooperation with treaty bodies": "Hợp tác với các ủy ban công ước",
    "Human rights policies": "Chính sách về quyền con người",
    "Institutions & policies - general": "Thể chế và chính sách - chung",
    "National Human Rights Institution (NHRI)": "Cơ quan nhân quyền quốc gia",
    "Human rights education - general": "Giáo dục quyền con người - chung",
    "Human rights education, trainings and awareness raising": "Giáo dục, đào tạo và nâng cao nhận thức",
    "Right to education": "Quyền được giáo dục",
    "Equality & non-discrimination": "Bình đẳng và không phân biệt đối xử",
    "Constitutional & legislative framework": "Khuôn khổ hiến pháp và pháp luật",
    "Human rights & poverty": "Quyền con người và nghèo đói",
    "Right to an adequate standard of living - general": "Quyền có mức sống thích đáng - chung",
    "Right to social security": "Quyền được bảo đảm an sinh xã hội",
    "Right to health - general": "Quyền được chăm sóc sức khỏe - chung",
    "Access to health-care (general)": "Tiếp cận dịch vụ y tế",
    "Persons with disabilities: accessibility, mobility": "Người khuyết tật: tiếp cận, đi lại",
    "Domestic violence": "Bạo lực gia đình",
    "Violence against women": "Bạo lực đối với phụ nữ",
    "Women's participation in political & public life": (
        "Sự tham gia của phụ nữ vào đời sống chính trị, xã hội"
    ),
    "Prohibition of slavery, trafficking": "Cấm nô lệ, mua bán người",
    "Children: juvenile justice": "Trẻ em: tư pháp người chưa thành niên",
    "Administration of justice & fair trial": "Tư pháp và xét xử công bằng",
    "Right to an effective remedy": "Quyền được khắc phục hiệu quả",
    "Human rights & the environment": "Quyền con người và môi trường",
    "Migrants": "Người di cư",
    "Rights related to name, identity & nationality": "Quyền về họ tên, nhân thân và quốc tịch",
    "Freedom of opinion and expression": "Tự do ngôn luận và biểu đạt",
    "Persons with disabilities: definition, general principles": (
        "Người khuyết tật: định nghĩa, nguyên tắc chung"
    ),
    "Right to work": "Quyền làm việc",
    "Discrimination against women": "Phân biệt đối xử với phụ nữ",
    "Children: definition; general principles; protection": "Trẻ em: định nghĩa, nguyên tắc chung, bảo vệ",
    "Children: protection against exploitation": "Trẻ em: bảo vệ khỏi bóc lột",
    "Prohibition of torture and cruel, inhuman or degrading treatment": "Cấm tra tấn và đối xử tàn ác",
    "Conditions of detention": "Điều kiện giam giữ",
    "Human Rights & drinking water and sanitation": "Quyền con người, nước sạch và vệ sinh",
    "Racial discrimination": "Phân biệt chủng tộc",
    "Land & property": "Đất đai và tài sản",
    "General": "Chung",
    "Public officials": "Cán bộ, công chức",
    "Judges, lawyers and prosecutors": "Thẩm phán, luật sư và kiểm sát viên",
    "Children": "Trẻ em",
    "Persons living in poverty": "Người nghèo",
    "Minorities/ racial, ethnic, linguistic, religious or descent-based groups": "Người dân tộc thiểu số",
    "Workers": "Người lao động",
    "Rural women": "Phụ nữ nông thôn",
    "Persons living in rural areas": "Người dân nông thôn",
    "Persons with disabilities": "Người khuyết tật",
    "Women & girls": "Phụ nữ và trẻ em gái",
    "Victims of trafficking": "Nạn nhân mua bán người",
    "Juveniles": "Người chưa thành niên",
    "Media": "Báo chí, truyền thông",
    "Persons deprived of their liberty": "Người bị tước tự do",
}
