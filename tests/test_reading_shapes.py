"""Shapes of question read since the held-out sets G-I (eval/README.md): each with the figure the tables
give, and the neighbouring shapes that must not get one."""

from __future__ import annotations

import pytest

from evaluation.generator import en_words, zh_words
from evaluation.numeric import Case, passage_figures, states


def figure(assistant, question: str) -> float | None:
    result = assistant.ask(question).to_dict()["result"]
    return None if result is None else result["value"]


FIGURES = [
    # shapes read in the landing after set P
    # a year said as two numbers; "percentage change" as one phrase; verbs of planning; a name of the
    # asker's own defined by the members after "i.e."
    ("How many additional posts get phased in during twenty twenty-one?", 48),
    ("What was the percentage change in total Foundation expenditure between 2017 and 2018?", -50.8),
    ("How many posts does the plan foresee for SP3 by 2023?", 53),
    ("For SP1, what's the extrabudgetary (XB) funding, i.e. Foundation earmarked plus TC?", 48564.5),
    ("次级方案1的预算外资金，也就是基金会专用加技术合作，是多少？", 48564.5),
    # shapes read in the landing after set K
    # known words beside the theme's words name the theme with them (the row's label holds them)
    ("次级方案3里关于适应气候变化的研讨会和培训计划多少天？", 55),
    (
        "How many workshop days does SP3 plan on climate change adaptation of communities and "
        "infrastructure?",
        55,
    ),
    ("SP3关于社区和基础设施适应气候变化的研讨会和培训安排了多少天？", 55),
    # a count of years that is the length of the range it stands beside
    ("2014到2018这五年，基金会收到的捐款加起来多少？", 18108),
    ("What was the average yearly Foundation contribution over the five years 2014-2018?", 3621.6),
    # an instruction on the form of the answer
    ("What fraction of the 255 posts sit on the regular budget? Give a percentage.", 28.6),
    ("经常预算员额占全部员额的多少？请用百分比表示。", 28.6),
    # members whose figure passes a number the question states, counted
    ("How many subprogrammes have more than 40 posts in 2020?", 2),
    ("预算超过 5000 万美元的次级方案有几个？", 3),
    ("员额在40个以上的次级方案有哪些？", 2),
    ("How many components get less than 10,000 thousand dollars?", 2),
    ("In which years did Foundation contributions exceed 5 million dollars?", 3),
    # a count of years beside a list of years, or written with one word ("five-year")
    ("Foundation contributions in the three years 2014, 2015 and 2016, in total?", 11821),
    ("Five-year average of Foundation contributions 2014-2018?", 3621.6),
    # a count of years and one more year named beside the range: all of them
    ("Foundation contributions over the five years 2014-2018 plus 2020?", 35925),
    # a line and the total it is printed in, named together: the line; its share of that total
    ("What was the average annual cost-recovery income for 2015 to 2017?", 2633.3),
    ("2015至2017年成本回收收入的年平均数是多少？", 2633.3),
    ("What share of 2020 income is contributions?", 92.5),
    # (set C: the table's 17 817 is answered, with ¶59's 19.4 million beside it; it had been a sum of the two)
    ("How much of 2020 income is expected from member states' voluntary contributions?", 17817),
    ("What share of income was cost recovery in 2016?", 51.6),
    # (the Foundation's 2020 expenditure, 18 928, is its budget, 18 927.4, as Table 1.1 prints it)
    ("What share of expenditure is contributions in 2020?", 94.1),
    ("How many training days are planned under subprogramme 3?", 93),  # "under": not "below"
    ("Between 2014 and 2018, which year saw the highest Foundation spending on employee salaries?", 8829),
    # (the second attack: a figure equal to the number, "up to" as a comparison, deliverables, lines added)
    ("Which subprogramme has 47 posts?", 1),
    ("How many subprogrammes have up to 41 posts?", 3),
    ("How many subprogrammes plan more than 30 projects?", 2),
    ("What is cost recovery income plus contributions in 2015?", 4798),
    ("What is cost recovery income and investment income in 2019?", 664),
    # a member's place in a ranking
    ("SP2的预算排第几？", 2),
    ("Where does SP2 rank by budget?", 2),
    ("Where does SP3 rank by posts among the components?", 3),
    # (the third attack: the smallest first, a place among the others left, a figure equal to a number)
    ("次级方案3的预算从小到大排第几", 1),
    ("Where does SP1 rank by budget, smallest first?", 2),
    ("Excluding SP4, where does SP2 rank by budget?", 1),
    ("Which subprogramme has 13 regular budget posts?", 1),
    ("How many subprogrammes have 28 projects?", 2),
    # a line printed net of what the question leaves out of it
    ("2017 年扣除业务准备金后的年终资金余额是多少？", -327),
    ("What was the 2018 fund and reserve balance excluding the operating reserve?", -23),
    # shapes read in this landing
    # a phrase that ends where a longer one would start: the way through with no character unknown
    ("2020年次级方案4的技术合作资金需求为多少千美元？", 59531.6),
    # "<group>, i.e. <its members>": read as the members
    ("What is the 2020 core budget, i.e. Foundation non-earmarked plus regular budget?", 30090.2),
    ("核心资源，也就是基金会非专用和经常预算，二〇二〇年合计多少？", 30090.2),
    # a place in a ranking
    ("Which subprogramme has the second largest budget?", 56158.6),
    ("按2020年资源总额排，第二大的次级方案预算是多少？", 56158.6),
    ("哪个次级方案预算排第二？", 56158.6),
    ("Which subprogramme has the third fewest posts?", 41),
    ("员额第三多的次级方案是哪个？", 37),
    # a member and a year asked for: its figure that year
    ("What is the 2020 core budget?", 30090.2),
    # planned quantities of every subprogramme, "in total": their sum
    ("How many workshop days are planned in total?", 260),
    ("研讨会和讲习班一共有多少天？", 260),
    # still the figure beside the shapes the first adversarial pass found
    ("第三个次级方案（气候行动和城市环境）2020 年的 TC 资金，也就是技术合作捐款，拟议多少？", 25174.2),
    ("How much is the regular budget, that is, for climate action?", 2021.4),
    ("Total post costs (staff posts) across UN-Habitat in 2020?", 32376.5),
    ("2019年捐款比2018年增长了百分之几？", 50.2),
    # still the figure beside the shapes the second pass found
    ("How many additional posts in 2021?", 48),  # posts added that year (had been all posts by then)
    ("How many extra posts get recruited in 2021 under the staggered plan?", 48),
    ("What is the difference between SP1 and SP4?", -29733.8),  # "between … and" compares
    ("SP1 to SP3 budget?", 149188.4),  # numbered members: those between are counted
    ("Ratio of technical cooperation to earmarked Foundation funding?", 2.32),
    ("What share of the budget do SP1 and SP2 have together?", 43.9),
    ("有几个次级方案？", 4),  # a count of the members, in a language without plurals
    ("次级方案有几个？", 4),
    # set K's wrong figures on first reading, fixed
    ("Within the Foundation non-earmarked budget, what proportion is for programme support?", 20.3),
    ("次级方案2 2020年计划做多少个实地和技术合作项目？", 37),  # "做" had matched a row label's character
    ("SP2 和 SP3 哪个大？", 56158.6),  # which is larger: a ranking of the two (disputed with K's writer),
    # set M's first reading: posts for each post are posts over posts (it gave the cost per post of all)
    ("how many Professional-and-above posts are there for each General Service post?", 1.93),
    ("how many General Service posts per Professional post", 0.52),
    ("每个一般事务员额对应多少个专业及以上员额？", 1.93),  # the member after "per" divides, named first
    ("dividing SP3's post costs (all sources) by its number of posts, what is the cost per post?", 149.46),
    # who asks, before a colon or a spaced dash, is not the question
    ("Quick one for my speaking notes: what is SP2's total budget?", 56158.6),
    ("敬请告知：2020年基金会非专用资金预算总额为多少？", 18927.4),
    ("I'm a journalist - how many posts does SP3 have?", 41),
    # members counted against a threshold: the count restating the head, the head the question ranges over
    ("How many of the seven components have more than 30 posts in 2020?", 6),
    ("七个组成部分中，基金会非专用拨款超过三百万美元的有几个？", 3),
    ("次级方案中，员额超过40个的有几个？", 2),
    # a place in a ranking, among the members of the head said (not only components), sorted as usual
    ("按2020年预算总额（所有来源）给四个次级方案排个序，次级方案1排第几？", 3),
    ("Where does general operating expenses rank among the objects of expenditure, largest first?", 4),
    ("where does TC rank among the sources of funding by budget", 1),
    ("P-4员额数在各职等中排第几", 3),
    ("次级方案3在组成部分中按员额数排第几", 3),  # the head said after the member: among the seven components
    # the fourth adversarial pass of this landing: what "per" divides, and "per <a paragraph>"
    ("How many Professional posts per General Service post in subprogramme 4?", 2.13),
    ("整个 2020 年预算平均每个员额的费用是多少？", 126.97),  # a word for cost: the budget is the context
    ("Total direct resource reqs per para 51, USD m?", 248200),
    ("How many subprogrammes have a budget more than US$ 40 million?", 3),
    # the fifth pass: "平均每个<B>对应多少个<A>" is a ratio (it gave their average); "平均费用" a cost
    ("平均每个P-5员额对应多少个P-3员额", 1.06),
    ("经常预算员额平均费用", 134.26),
    ("SP1和SP2占预算的比例", 43.9),  # a share word after the members and before the whole places them
    ("专业员额是一般事务员额的几倍", 1.93),  # "专业" alone is the Professional category, as "Professional" is
    ("次级方案2有多少专业员额", 23),
    # posts for each post of another member of one kind, "per" before a member written with its head
    ("How many posts in SP4 per post in SP1?", 1.27),
    ("Per SP2 post, how many SP4 posts?", 1.34),
    ("每个次级方案2员额对应多少个次级方案4员额", 1.34),
    ("Which non-post object of expenditure is the largest across the whole budget?", 81246.9),  # ranked
    ("非员额支出中哪一项最大？", 81246.9),
    ("五个资金来源按金额从大到小排，经常预算排第几？", 4),  # every place word read, not only the first
    ("By total budget, in what position is SP3 among the subprogrammes?", 4),
    ("员额最多的次级方案有多少个员额？", 47),  # "how many <posts>" after the ranked head counts the posts
    ("按员额数排，第三多的组成部分有多少个员额？", 41),
    ("What's the average cost per post?", 127.0),  # "cost per post" is money
    ("Post costs divided by the number of posts for SP1?", 139.9),  # the cost line over posts: per post
    ("员额费用除以员额数是多少？", 127.0),
    ("次级方案4员额要花多少？", 4903.2),  # spending words make it money
    ("次级方案4有多少员额？", 47),  # asked before the word: a count
    ("2021年要新增多少员额？", 48),  # only posts are given by year of the plan
    ("一般事务及有关职类的员额一共是多少？", 87),  # and by grade
    ("非员额费用最高的构成部分是哪个？", 79232.9),  # "构成部分" is a component
    ("Smallest SP by FNE?", 2277.0),  # the criterion said after the head
    ("What is the cost per post of programme support-funded posts?", 120.4),  # "-funded": the source
    ("How many posts does programme support have compared to EDM?", 27),  # "compared to": a difference
    # a share of some members together ("of the four <heads>"): their printed figures added up
    ("SP2 as a percentage of all four subprogrammes' budgets?", 24.1),
    ("次级方案2占四个次级方案预算总和的百分比？", 24.1),
    ("What share of all subprogrammes' posts does SP3 have?", 25.6),
    # a share whose whole follows a copula ("<P> 是 <W> 的百分之几"), and relation words of a share
    ("次级方案3的基金会专用资金是次级方案3预算的百分之几？", 17.3),
    ("次级方案4的技术合作是其预算的百分之几？", 70.8),
    ("SP4's TC is what percent of its own budget?", 70.8),
    ("SP4's budget relative to the total?", 33.4),
    ("次级方案4的预算是总预算的几分之几？", 33.4),
    ("次级方案3员额比次级方案4员额多花多少？", 1224.5),  # spending words: the post costs
    ("次级方案4预算内有多少员额？", 47),  # "多少员额": counted
    ("What number of posts does SP4 spend money on?", 47),
    ("次级方案2比次级方案3多多少个员额？", -6),  # a classifier before the word: counted
    # the landing after set P
    # a verb of making beside a deliverable category: its planned quantity, not a row whose label shares
    # five letters with the verb ("producing" is not "productivity")
    ("How many technical materials is subprogramme 2 producing?", 21),
    ("How many publications will SP1 be publishing in 2020?", 2),
    # "and" between the words of a theme; a known word beside them that the row's label need not hold
    ("Workshop days SP3 plans for helping communities and infrastructure adapt to climate change?", 55),
    # figures the question states between the two years of a change
    ("员额从2020年的255个增加到2023年的316个，增加了百分之几？", 23.9),
    ("Posts rose from 2020's 255 to 316 in 2023; by what percentage?", 23.9),
    # a definition after a year ("<group> for <year>, i.e. <its members>")
    ("What was the core budget in 2020, i.e. Foundation non-earmarked plus regular budget?", 30090.2),
    # a ranking word and a share word written together ("the second-biggest slice of …")
    ("Which component has the second-biggest slice of Foundation non-earmarked funds?", 3497.2),
    ("Which subprogramme gets the smallest slice of the posts?", 35),
    # words in brackets that ask for the very figure the words outside them ask for
    ("What does a post cost on average (post costs divided by the number of posts)?", 127.0),
    # numbers written in words or characters
    ("How many subprogrammes have more than forty posts in 2020?", 2),
    ("员额超过四十个的次级方案有几个？", 2),
    ("预算超过五千万美元的次级方案有几个？", 3),
    ("How many subprogrammes have over forty-five posts?", 1),
    # all the plan's posts by a year it prints no total for: the first year's and those added since
    ("How many posts will programme support have by the end of 2021?", 67),
    ("按交错征聘计划，到2022年底累计有多少个P-3员额？", 74),
    # the cost of one post with its qualifiers between "one"/"each"/"a single" and the word for posts
    ("What does one regular budget post cost?", 134.3),
    ("What does each SP1 post cost?", 139.9),
    ("What is the price of a single post in SP4?", 104.3),
    ("What does one policymaking organs post cost?", 164.4),  # 986.1 / 6 = 164.35, rounded half up
    # the whole named first, then the share word and a copula before the part
    ("Of SP4's budget, what share is technical cooperation?", 70.8),
    ("SP4, what share is TC?", 70.8),
    ("SP4's share is what percentage of TC?", 40.4),  # (a second share word places the whole)
    ("Of the regular budget posts, what percent are in SP4?", 15.1),  # "Of <W>, what share is in <P>"
    ("Of the P-5 posts, what share is in SP4?", 20.4),
    ("Of programme support consultants, what share is in SP4?", 24.1),
    # words in brackets naming the group the words outside name, or giving the unit again
    ("What is the core budget (Foundation non-earmarked plus regular budget) for subprogramme 4?", 4640.3),
    ("How many publications (number of publications) does subprogramme 1 plan for 2020?", 2),
    # money to be spent is the budget; money spent is not
    ("How much will be spent on subprogramme 4 in 2020?", 84136.1),
    # "after <year> through <year>": from the year after; "prof" for Professional and higher
    ("How many posts does the plan add after 2020, through 2023?", 61),
    ("Prof-to-GS post ratio in 2020?", 1.93),
    # a table named: the figure when the calculator answers it from that table's cells
    ("How much did the operating reserve rise between 2019 and 2020 according to Table 3.0?", 590),
    ("按表2.1，次级方案2有多少个员额？", 35),
]

# Each of these gave a figure for something else (the adversarial passes of this landing and set K's first
# reading, eval/README.md) or reads a shape that must get none: a question back, or "not in the document".
NO_FIGURE = [
    "What is the XB total, i.e. FE and SP1, in 2020?",  # members of two dimensions: no name of them
    "What is core, i.e. FE plus TC?",  # a name the lexicon knows, defined otherwise
    # the landing after set K
    "2014到2018这三年，基金会收到的捐款加起来多少？",  # three years is not the range's length
    "Over the four years from 2014 to 2018, how much did the Foundation receive in contributions?",
    "How many SP3 workshop days are on climate change mitigation on Mars?",  # Mars: no row holds it
    "次级方案3关于火星气候变化的研讨会有几天？",
    "2018 年年终资金余额（不含投资收入）是多少？",  # the balance is not printed net of investment income
    "total budget excluding SP1 and SP2",  # a subtraction the calculator does not make: asked back
    "Is SP1's budget over 50 million?",  # a number to compare one figure with: nothing to count
    # the attack on this landing (871 questions): negated themes, "less" between two things, counts of years
    "SP4 projects not on social cohesion?",
    "How many non-social-cohesion projects does SP4 have?",
    "次级方案4中不涉及社会融合的项目有几个？",
    "How much is not earmarked in the Foundation?",
    "Total income 2020 less cost recovery?",
    "Contributions 2020 less 2019?",
    "SP4 budget less SP3?",
    "Total budget less technical cooperation?",
    "2014到2018这四年，基金会收到的捐款加起来多少？",
    "Foundation contributions in the four years 2014, 2015 and 2016?",
    "How many posts in the five years 2014-2018?",
    "By what percentage did the year-end fund balance change from 2017 to 2018?",  # of a negative figure
    "Post costs of SP1 compared with non-post costs, in percentage terms?",
    "SP2 regular budget, give a percentage",  # of its budget, of all regular budget, of the total?
    # the second attack (808 questions): a threshold with another figure asked, members as thresholds
    "What is the total number of posts in subprogrammes with more than 40 posts?",
    "员额超过40个的次级方案共有多少员额",
    "What is the average budget of subprogrammes above 50 million dollars?",
    "How many P-5 posts are there in subprogrammes with more than 40 posts?",
    "预算超过5000万美元的次级方案员额合计",
    "How many objects of expenditure exceed 2020 thousand dollars?",  # 2020: a year, not a number
    "Which subprogrammes have more posts than SP1?",
    "员额多于次级方案1的次级方案有几个",
    "How many components have no D-2 posts?",
    "How many years saw contributions increase?",
    "In which years was expenditure above 9 million dollars?",  # one year's figure: nothing to count
    "总预算减去技术合作",
    "员额总数减去次级方案1员额",
    "What is total income in 2020 in percent?",
    "What is the average annual growth of contributions from 2014 to 2018 in percent?",
    "次级方案1关于空间不平等的技术材料有几份？",  # a row on spatial equality too: the whole, or it?
    "次级方案3关于气候行动的研讨会有几天？",
    "次级方案2关于共同繁荣的技术材料有几份？",
    # the third attack (642 questions): places with a filter or two measures, gaps between places,
    # members asked with a number no comparison reads, shares of a whole that is no printed total
    "Where does SP4 rank by budget among the subprogrammes with more than 40 posts?",
    "Where does SP1 rank by posts and by budget?",
    "How much bigger is the largest subprogramme than the second largest?",
    "最大的次级方案比第二大的多多少",
    "Which subprogramme's budget is 54402.3?",
    "How many subprogrammes have between 35 and 41 posts inclusive?",
    "Where does SP1 rank by Foundation earmarked posts?",  # all nil: nothing to rank
    "What percentage of the regular budget is for posts?",  # posts counted, or post costs?
    "How many subprogrammes have more than 40 posts and more than 50 million dollars?",  # two tests
    # shapes that must get no figure
    "What is the fifth largest subprogramme budget?",  # four subprogrammes
    "Compare the second and the fourth subprogramme",  # an ordinal not read as a place: no figure
    "How does SP2 rank?",
    # a defining word that does not list exactly a group's members (found by an adversarial pass)
    "非核心资源，也就是基金会专用加上技术合作，二〇二〇年合计多少？",
    "How much is the regular budget, i.e. the climate action subprogramme?",
    "What is the share of technical cooperation, namely in urban crisis?",
    "经常预算，即用于城市危机的，和技术合作一共多少？",
    "How much did China contribute, i.e. contributions in 2017?",
    "最大的次级方案，也就是气候行动",
    "明年有多少天讲习班？",  # a time word is not "all subprogrammes",
    # the first adversarial pass (about 980 questions)
    "城市危机的支助费用是多少？",  # "support" was a filler: the component's total came back
    "What are support costs for urban crisis?",
    "城市危机的招聘费用是多少？",  # posts added, asked of money
    "What is the additional funding for urban crisis?",
    "城市危机有多少名顾问？",  # a count of what the tables give only as money
    "How many consultants does urban crisis have?",
    "城市危机的顾问人数是多少？",
    "城市危机的项目费用是多少？",  # money asked of planned deliverables
    "What is the budget for publications in urban crisis?",
    "城市危机的咨询服务费用是多少？",  # two names written as one word are not a list
    "P-4及以上的员额有多少？",  # a range of grades
    "How many D-1 and higher posts?",
    "2020年执行局的预算是多少？",  # a body the tables do not give (it was a filler word)
    "What is the Executive Board's budget in 2020?",
    # the second pass (972 questions on the rules written for the first)
    "How many P-4+ posts?",  # a range of grades, written short
    "P-4或更高职等的员额",
    "How many posts from P-3 to P-5?",  # grades have no numbers to count between: not the two ends
    "How many posts between P-2 and P-4?",
    "多少笔赠款？",  # a count of what the tables give only as money
    "次级方案2出版物多少美元",  # money of planned deliverables
    "subprogramme 1: how much is spent on publications?",
    "次级方案2有多少个出版物和技术材料的总和？",  # publications and materials do not add up
    "Which subprogramme has the second most P-5 posts?",  # three tied first: no single second
    "捐款2020年是2019年的百分之几？",  # a percentage of which year?
    "次级方案4和次级方案1相差多少个百分点？",  # points between shares, not a gap in money
    "Staggered recruitment total for subprogramme 4",  # posts of the plan (by when?), not money
    "How many P-level posts?",  # P grades, or Professional and higher?,
    # the third pass (210 questions on filler words); a bound word before a member is a range
    "How much fund balance was used up in 2015?",
    "How much was the operating reserve drawn on in 2015?",
    "How much does subprogramme 4 give to external parties?",
    "How much expenditure was recorded in 2020?",
    "How many posts over P-4?",
    "How many posts up to P-3?",
    "超过P-4的员额有多少？",
    "Not SP1: what is the total budget?",  # set M: words before a colon that say something are read
    "Nairobi office: what is the budget?",  # (an office the tables do not hold, not a preamble)
    "poverty and spatial inequailty office: how much non-earmarked fdn money?",
    # "per" before something no operation here divides by (it gave the posts, or the post costs per post)
    "How many posts per million dollars of post costs?",
    "每百万美元对应多少个员额",
    "How many posts per P-5?",
    "How many General Service posts per subprogramme 1 post?",
    "How many D-1 posts for each D-1 and D-2 post?",
    "How many posts in 2020 for each post in 2021?",
    "What is the total budget taking out technical cooperation?",  # "taking out" leaves out (not "taking")
    "What was the Foundation total income and total expenditure in 2020?",  # listed, never added up
    "What are the Foundation income figures in 2020: contributions, investment income and cost recovery?",
    "Foundation income and expenditure in 2018",  # a word for money joined to a line: it gave income alone
    "2018年基金会收入和支出各是多少",
    "SP1 budget and posts",  # it gave the post costs
    "次级方案1的预算和员额",
    # the fifth pass: two measures asked together, a bare measure beside a member, exclusions, balances
    "Budget and number of posts for SP2?",
    "What is the number of posts and the cost of SP4?",
    "What are the posts and the post costs of SP1?",
    "次级方案1的员额和员额费用分别是多少",
    "次级方案1的预算是多少，有多少员额",
    "What is the sum of SP1 posts and SP1 budget?",
    "What is the total budget for 2020 and how much for posts?",
    "What is the total budget and grants?",  # the whole beside its part: two figures, never the part alone
    "总预算和经常预算",
    "What is the budget and the non-post cost of SP1?",
    "What is the total budget, taking technical cooperation out?",  # "taking" is no filler word
    "What is the budget of SP1, taking posts out?",
    "2020年收入减去支出是多少",
    "What is the total operating reserve 2014-2018?",  # balances of several years add up to nothing
    "2018年和2019年的业务准备金合计",
    "P-5与P-3的比例",  # together as a share, or one of the other?
    "What is the largest budget of SP1?",  # set N: "the largest" of one figure ranks nothing
    "SP1 post costs divided by SP2 posts",  # one member's cost over another's posts: not a cost per post
    "posts divided by post costs",
    # the sixth adversarial pass: rankings not computed are asked back, never ranked by something else
    "What is the largest subprogramme's largest object of expenditure?",  # two superlatives
    "最大的次级方案的最大支出分项是什么？",
    "Which grade has the most posts in the largest subprogramme?",
    "What is the post cost of the largest subprogramme?",  # largest by what?
    "How many posts does the second largest subprogramme have?",
    "第二大次级方案有多少员额？",
    "预算最多的次级方案有多少员额？",  # ranked by one figure, another asked: one at a time
    "员额最多的次级方案的预算是多少？",
    "Which year had the biggest drop in Foundation contributions?",  # largest change year on year
    "哪一年捐款增加最多？",
    "Is SP4's budget bigger than SP1's and SP2's combined?",  # one figure against a sum
    "What is the next largest non-post object of expenditure?",  # "next" is no filler word
    "次级方案4以前有多少员额？",  # "previously": no figure of earlier years
    "SP4 as a share of three subprogrammes",  # which three?
    # the seventh adversarial pass (1 471 questions): ranked by one figure, another asked; a comparison
    # against several; a ranking of shares
    "How much FNE does the largest subprogramme by budget get?",
    "The smallest subprogramme by budget: how much regular budget?",
    "经常预算最多的次级方案有多少个员额？",
    "员额费用第二大的次级方案的预算是多少？",
    "Which subprogramme gets the most FNE, and how many posts does it have?",
    "Which subprogramme has the highest share of posts in its budget?",
    "平均员额费用最高的次级方案是哪个？",
    "SP4 compared to SP3 and SP2?",
    "How much higher are 2020 contributions than the 2014-2019 average?",
    "What is the increase in contributions from the lowest year to the highest year?",
    "SP4's cost per post compared to the average?",
    "Total post costs divided by the number of FNE posts?",  # the posts qualified apart
    "Regular budget post costs divided by the total number of posts?",
    "EDM as a share of the four subprogrammes",  # not one of them
    # the landing after set P
    "What does a post cost on average (total budget divided by the number of posts)?",  # the aside differs
    "What was the core budget in 2020, i.e. Foundation non-earmarked plus technical cooperation?",
    "员额从2020年的255个增加到2023年的300个，增加了百分之几？",  # a stated figure the tables do not have
    "How many technical materials on fisheries is SP2 producing?",  # no row's label is about it
    "In Table 2.1, what is the budget of subprogramme 2?",  # a table named that does not print it
    # the eleventh adversarial pass: items of two dimensions at once (one of them was dropped)
    "What is FNE plus RB for the four subprogrammes?",
    "What are the FNE and RB budgets of each subprogramme?",
    "SP1 and SP2 budgets by source of funding?",
    # a theme naming two rows, or one row's words and a word only another row holds
    "How many workshop days does SP3 plan on adaptation of communities and green infrastructure?",
    "How many projects does SP1 have on mobility in cities and human settlements?",
    # words in brackets saying how to compute another figure than the question's
    "What does one post cost (total budget divided by posts)?",
    "FNE cost per post (16,919.3 divided by 255)?",
    # money already spent: the tables give the budget proposed (and spending only for past years' lines)
    "How much has SP4 spent?",
    "Spent: SP4?",
    "How much does SP4 actually spend?",
    "次级方案4实际支出多少？",
    "How much was spent on technical cooperation?",
    "What was SP4's expenditure on consultants?",
    "How much did SP4 spend?",
    "次级方案4花了多少钱？",
    # the twelfth adversarial pass: asides in brackets that say another computation
    "What is SP2's share of the budget (SP2 divided by SP1)?",
    "What is the total of SP1 and SP2 (SP1 minus SP2)?",
    "What is the difference between SP3 and SP4 (SP3 plus SP4)?",
    "How many posts in SP1 (SP1 plus SP2)?",
    # two years "by" one of them; "one of the <heads>"; a scale after a scale
    "How many posts in SP1 by 2021 and 2022?",
    "What is the budget of one of the subprogrammes?",
    "How many posts are added after 2020?",  # "after" with no range after it: not read
    # two questions, the second referring back to the first ("…, and how much of it is <B>?")
    "How much does the urban crisis subprogramme get in total, and how much of it is technical cooperation?",
    "Of SP4's budget, what share and what amount is technical cooperation?",  # two asks side by side
    # years of a recruitment plan ranked: the first year gives all its posts, not posts added
    "In which year are the most P-5 posts recruited?",
]

QUESTION_BACK = [
    "What is the regular budget for posts?",  # "<source> for <posts>": their cost, or their number?
    "What is the core budget for all posts?",
    "What is the regular budget for the posts of policymaking organs?",
    "Where does SP2 rank?",  # by money, or by posts?
    "What's SP2's percentage?",  # set L: of the total budget, of the Foundation's? (offered as an option)
    "工作人员费用是多少？",  # set L: post costs, or other staff costs?
    "SP1 workshop days on poverty?",  # a word of its name that a row below also holds: the whole, or the row?
    "How many SP3 projects on climate change?",
    "次级方案3关于气候变化的项目有几个？",
    "Average annual contribution 2014-2018, in percent?",  # a percentage of what?
    "How much larger is the regular budget than programme support, in percent?",
    "How many subprogrammes have a budget of more than 50,000?",  # 50 000 what: dollars, or thousands?
    "How many subprogrammes have more than 40?",  # 40 posts, or money?
    "How much is allocated to staff costs overall?",  # set J: post costs, or other staff costs?
    "人居署计划要有多少个员额？",  # "plans to have": in 2020, or by the end of the plan?
    "How much does UN-Habitat spend on staff?",  # post costs, staff costs, or posts?
    "cost per post for subprogramme 1 and subprogramme 2",  # set M: one at a time (it gave all posts')
    "average cost per post in each subprogramme",
    "What is the total budget per post?",  # a money word with "per post" and no word for cost: which figure?
    "How many dollars of grants per post?",
    "How much does SP1 spend per post?",
    "每个员额的平均总预算是多少",
    "What was the Foundation total income and total expenditure in 2020 together?",
    "组成部分中，员额超过30百万的有几个",  # 30 million what?
    "次级方案4的员额是多少？",  # set N: the number of posts, or the post-costs line?
    "次级方案1的员额为多少",
    "次级方案4的员额合计为多少？",
    "How much are SP4's posts?",  # an amount asked of posts
    "What is the value of SP4's posts?",
    "次级方案3在组成部分中按员额排第几",  # by the number of posts (3rd) or by post costs (2nd)?
    "第一、第二和第四个次级方案的员额合计？",  # 119 posts, or their cost?
]

# A clause before the question with a word not understood is read, never left out: it may change the
# figure ("Doubled:", "In real terms:", "Unspent:"), so the question gets no figure (the sixth adversarial
# pass of the landing after set M found 292 wrong figures while such clauses were left out).
PREAMBLES_READ = [
    "Doubled:",
    "In real terms:",
    "Unspent:",
    "Headquarters only.",
    "Female -",
    "For my delegation's records:",
    "Qpatial inequality:",  # a member's name miswritten
    "Urban resilience:",  # a theme the document does not have
    "通胀调整后：",
    "我们关心通胀调整后的数字。",
    "城市韧性：",
    "次级方案1记录：",
]


@pytest.mark.parametrize("preamble", PREAMBLES_READ)
@pytest.mark.parametrize("question", ["What is the total budget?", "2020年预算总额是多少？"])
def test_a_clause_before_the_question_with_a_word_not_understood_is_read(assistant, preamble, question):
    assert figure(assistant, question) is not None
    assert figure(assistant, f"{preamble} {question}") is None


@pytest.mark.parametrize(
    "question",
    [
        "研讨会和讲习班有多少天？",  # the document gives them per subprogramme: which one, or all together?
        "How many workshop days are planned?",
    ],
)
def test_a_figure_given_only_member_by_member_asks_which(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "clarify", answer["answer"]
    labels = [o["label"] for o in answer["options"]]
    assert len(labels) == 5, labels  # the four subprogrammes, and all of them together
    for option in answer["options"]:  # each option, asked, is answered
        assert assistant.ask(option["question"]).to_dict()["result"] is not None, option


def test_a_filler_character_inside_a_word_not_understood_is_part_of_it(assistant):
    reading = assistant.calculator.read("次级方案3里关于适应气候变化的研讨会多少天？", "zh")
    assert "适应" in reading.unknown


def test_a_defining_word_with_no_group_before_it_drops_nothing(assistant):
    reading = assistant.calculator.read("经常预算，亦即城市危机的，是多少？", "zh")
    assert any(m.readings == (("funding", "RB"),) for m in reading.mentions) and reading.unknown


def test_a_prose_figure_counts_as_quoted_only_when_the_first_passage_writes_it():
    assert {440.0, 4_400_000.0, 955000.0, 36.0} <= passage_figures(
        "获得了 440 万美元；超过 955 000 人；36 名成员"
    )
    case = Case("x", "q", "zh", "answer", (4.4,), "USD million")
    quoted = {"citations": [{"kind": "paragraph", "quote": "政府通过适应基金获得了 440 万美元"}]}
    assert states(case, quoted)
    assert not states(case, {"citations": [{"kind": "table", "quote": "440 万美元"}]})  # not a passage
    assert not states(case, {"citations": [{"kind": "paragraph", "quote": "获得了 450 万美元"}]})


@pytest.mark.parametrize(
    "question",
    ["How many director-level posts are there, D-1 and D-2 taken together?", "2020 年主任级员额一共几个？"],
)
def test_director_level_is_d1_and_d2(assistant, question):
    assert figure(assistant, question) == 19


@pytest.mark.parametrize(
    "question, value",
    [
        ("How many posts up to 2023?", 316),  # a year after the bound word: all posts by then
        ("Average annual Foundation expenditure over the audited years 2014–2018", None),
    ],
)
def test_a_bound_word_before_a_year_is_not_a_range(assistant, question, value):
    got = figure(assistant, question)
    assert got is not None and (value is None or got == pytest.approx(value))


def test_a_change_with_no_years_lists_each_year(assistant):
    answer = assistant.ask("基金会捐款变化了多少？").to_dict()
    assert answer["result"]["value"] is None and "2014" in answer["answer"] and "2020" in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "How much bigger is the largest subprogramme than the second largest?",
        "最大的次级方案比第二大的多多少",
        "Where does SP1 rank by posts and by budget?",
    ],
)
def test_a_combination_not_computed_is_said_so(assistant, question):
    """Every word read, but a combination the calculator does not compute: it says so, and names no
    empty "words not understood"."""
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None
    assert "“”" not in answer["answer"] and answer["answer"].strip()


def test_lines_that_do_not_add_up_are_listed_without_a_total(assistant):
    answer = assistant.ask("What was the Foundation total income and total expenditure in 2020?").to_dict()
    assert "19 267" in answer["answer"] and "18 928" in answer["answer"], answer["answer"]
    assert "38 195" not in answer["answer"] and "Together" not in answer["answer"]
    assert "[¶59] states US$ 20.8 million for Total income" in answer["answer"]  # which figure the note is on


def _phrases(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_phrases(item) for item in value.values())) if value else set()
    if isinstance(value, list):
        return {p.lower() for p in value if isinstance(p, str)}
    return set()


def test_cost_and_unit_words_are_words_listed_elsewhere_too():
    """They add a mark to a word ("cost": the cost of a post; "USD": a unit), never a new way to split."""
    import tomllib
    from pathlib import Path

    for path in (Path(__file__).parents[1] / "corpus" / "lexicon").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        elsewhere = _phrases({k: v for k, v in data.items() if k not in ("costs", "units")})
        for section in ("costs", "units"):
            assert _phrases(data[section]) <= elsewhere, (path.name, section)


@pytest.mark.parametrize(
    ("question", "values"),
    [("次级方案4的员额是多少？", [47, 4903.2]), ("How much are SP4's posts?", [47, 4903.2])],
)
def test_number_or_cost_asked_back_offers_both_one_click_away(assistant, question, values):
    answer = assistant.ask(question).to_dict()
    assert answer["status"] == "clarify" and len(answer["options"]) == 2, answer
    got = [figure(assistant, option["question"]) for option in answer["options"]]
    assert got == pytest.approx(values, abs=0.05)


def test_a_number_in_words_is_the_figure_it_writes(assistant):
    """Every number from 13 to 999 in English words and to 9 999 in Chinese characters, written out by the
    generator's own spellers (an oracle apart from the lexicon), reads as one number token of that value."""
    reader = assistant.calculator
    cases = [(en_words(n), "en", n) for n in range(13, 1000)]
    years = range(1900, 2100)  # (four digits that may be a year are one, written in digits too)
    cases += [(zh_words(n), "zh", n) for n in (*range(13, 1000), *range(1000, 10000, 7)) if n not in years]
    for text, language, n in cases:
        question = f"more than {text} posts" if language == "en" else f"超过{text}个员额"
        tokens = reader.read(question, language).tokens
        numbers = [t.values("number") for t in tokens if t.has("number")]
        assert numbers == [[str(n)]], (text, [(t.text, t.tags) for t in tokens])


@pytest.mark.parametrize(
    "text", ["five four", "subprogrammes one and two", "the two hundreds", "in thousand dollars"]
)
def test_words_that_write_no_number_stay_as_they_are(assistant, text):
    tokens = assistant.calculator.read(text, "en").tokens
    assert not any(t.has("number") for t in tokens), [(t.text, t.tags) for t in tokens]


@pytest.mark.parametrize(
    ("question", "value"),
    [("次级方案4花了多少钱？", 84136.1), ("How much was spent on consultants in SP4?", 196.5)],
)
def test_money_spent_is_refused_with_the_budget_one_click_away(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and len(answer["options"]) == 1, answer
    assert figure(assistant, answer["options"][0]["question"]) == pytest.approx(value)


# Sentences of context around the one that asks (landing after set P): set aside, and said so, only when
# they speak of the asker (before the question) or of the answer's form (after it) and name nothing the
# question does not; any measure, number, other member or word that narrows the question keeps them read.
CONTEXT_SET_ASIDE = [
    ("Our delegation follows the crisis work closely. What is the TC budget of SP4?", 59531.6),
    ("我国代表团很关注城市危机。次级方案4的技术合作预算是多少？", 59531.6),
    ("My minister is curious. How many posts does SP1 have in 2020?", 37),
    ("我们部长想知道。次级方案1在2020年有多少个员额？", 37),
    ("What share of SP2's total resources comes from the regular budget? give it as a %.", 4.1),
    ("What is the total budget? One decimal please.", 251602.3),
    # before the question, words of what the asker is at ("the summary", "where the money goes")
    ("Rapporteur, drafting the summary: what share of SP2's resources comes from the regular budget?", 4.1),
    ("I'm writing a piece on where the money goes. How many times bigger is SP4's budget than SP3's?", 2.18),
    ("A question from our research team: what is SP4's TC budget?", 59531.6),
    ("技术合作预算是多少？司里要写个简报，麻烦给个准数。", 147397.4),  # small words: "里", "个"
]
CONTEXT_KEPT = [
    "We only care about the Arab region. How many posts does SP1 have in 2020?",  # narrows
    "For the Arab region. How many posts does SP1 have in 2020?",  # starts with a word that narrows
    "How many posts does SP1 have in 2020? In the Arab region.",
    "关于阿拉伯区域。次级方案1在2020年有多少个员额？",
    "The board meets next week. What is SP2's budget?",  # not of the asker
    "SP4 matters to us. What is its TC budget?",  # names a member the question does not
    "We care about the inflation-adjusted budget. What is the total budget?",  # a measure: qualifies it
    "我们关心通胀调整后的数字。2020年预算总额是多少？",
    "What is the total budget? After inflation.",
    "Our delegation follows the crisis work closely. What is the TC budget of SP1?",  # another member
    "We count 300 posts. How many posts does SP1 have in 2020?",  # a number
    "Our delegation follows it closely, e.g. the crisis work. What is the budget of SP1?",
    "I care about the Nairobi office. What is the TC budget?",  # words not understood: may narrow it
    "For my notes on the Nairobi office: what is the TC budget?",
    "What is the TC budget? I'm drafting the summary of where it goes.",  # after the question: kept
    "What is the TC budget? Just for the Nairobi office.",
    "技术合作预算是多少？只算内罗毕的。",
]


# A sentence of background before the question (set X): why the asker asks, what they have read. Set aside
# when it is a whole sentence naming no member the question does not name, no number or year, and no word
# that narrows or moves the figure; said in the answer. Otherwise read, and no figure.
BACKGROUND_SET_ASIDE = [
    (
        "Climate action is a priority for my Government and we follow it closely. "
        "How many posts does subprogramme 3 have in 2020?",
        41,
    ),
    (
        "Urban crises are a great worry for us and for our partner cities. "
        "What is the technical cooperation budget of subprogramme 4?",
        59531.6,
    ),
    ("城市危机是我国代表团关心的问题。次级方案4的技术合作预算是多少？", 59531.6),
    # a member the background names is one the question names too
    (
        "Subprogramme 4 is a priority for my delegation. "
        "What share of the total budget goes to subprogramme 4?",
        33.4,
    ),
    # a time word beside a question that says its own year
    (
        "The Foundation is close to our hearts. "
        "What was the non-earmarked Foundation's total expenditure in 2018?",
        4519,
    ),
]
BACKGROUND_KEPT = [
    # names a member the question does not
    "Crisis work is what our capital cares about most. What is the technical cooperation budget?",
    "We are interested in the Nairobi office and its staffing levels. How many posts are there in 2020?",
    "We are only interested in the regular budget part of it. What is the budget of subprogramme 2?",
    "Our treasury wants figures that are adjusted for inflation. What is the total budget?",
    # a time
    "Our treasury plans next year's pledge on the basis of these figures. What is the total budget?",
    "Suppose the donors halve their earmarked contributions this time. What is the budget of subprogramme 2?",
    "Our analysts looked at posts added under the staggered recruitment plan. How many posts does SP1 have?",
    "次级方案1涉及土地和住房，我国的地方政府很关心。次级方案3的员额有多少？",  # another member
    "我们只关心非洲区域的项目情况。次级方案1有多少个员额？",
    "我国财政部门正在编制下一年度的捐款计划。人居署的预算总额是多少？",
    "Our capital keeps asking about this part of the budget. What is its share?",  # points at nothing said
    "Subprogramme 1 has a large land and housing portfolio. How many posts does that subprogramme have?",
    "Regarding the crisis work in urban areas: what is the technical cooperation budget?",  # a colon
    "Spending on consultants worries us. What is the budget of subprogramme 2?",  # a member not asked of
    "人居署的人员结构一直是会员国关注的问题。2020年P-3员额有多少个？",  # names nothing the question names
    "Our delegation cares about land rights in subprogramme 1. What is the budget of subprogramme 1?",
    "Our minister follows subprogramme 4 in Mosul closely. What is the budget of subprogramme 4?",
    "我国关注次级方案1中的土地权利问题。次级方案1的预算是多少？",
    "我国的城市规划部门经常使用人居署关于城市危机的技术指南。次级方案4的技术合作预算是多少？",
    "My minister wants the figure for Mosul. What is the total budget for subprogramme 4?",  # (attack pass)
    "部长想要摩苏尔的数字。次级方案4的预算总额是多少？",
    # (the second attack pass: the member named with words that qualify it, all of them understood)
    "The slice of subprogramme 4 that concerns refugees is what I need. What is subprogramme 4's TC budget?",
    "Subprogramme 4's share of the overall budget is what I want. How much is subprogramme 4?",
    "次级方案2资助的城市试点是我想问的。次级方案2的资源总额是多少？",
    "国内工作人员差旅费是我监测的。工作人员差旅费总额是多少？",
    "我不需要整个次级方案2，只要规范性工作。次级方案2的资源总额是多少？",
    "Urban crises affect many of our partner cities. What is the TC budget of subprogramme 4?",
]


@pytest.mark.parametrize("question, value", CONTEXT_SET_ASIDE)
def test_a_sentence_of_context_about_the_asker_is_set_aside_and_said(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"]["value"] == pytest.approx(value, abs=0.05), answer["answer"]
    assert "“" in answer["answer"].split("\n")[-1]  # the sentence set aside, quoted


@pytest.mark.parametrize("question", CONTEXT_KEPT)
def test_a_sentence_of_context_that_may_qualify_the_figure_is_kept(assistant, question):
    assert figure(assistant, question) is None


def test_sentences_split_at_their_marks_not_after_an_abbreviation(assistant):
    split = assistant.calculator.lexicon.sentences
    assert split("XB, i.e. FE plus TC. How much? Thanks") == ["XB, i.e. FE plus TC.", "How much?", "Thanks"]
    assert split("Para. 46 says 2.5 million; is it so？对吗") == [
        "Para. 46 says 2.5 million;",
        "is it so？",
        "对吗",
    ]


WHOLE_AND_MEMBER = [
    "What is the TC budget of SP4? We want the whole organisation.",
    "次级方案4有多少个员额？我们要全署的。",
    "What is SP4's budget for the organisation as a whole?",
]


SELF_CORRECTED_AND_OVER_THE_PLAN = [
    "What is SP1's TC and FE budget? Our delegation means FE.",  # which words stand: not read
    "What is the TC budget of SP4? I mean TC.",
    "次级方案1的技术合作和基金会专用是多少？我是说基金会专用。",
    "What is SP1's budget over the full plan period?",  # money is given for one budget year
    "次级方案1整个计划期的预算是多少？",
    "What are SP1's post costs by the end of the plan?",
    "Our delegation would halve it. What would SP2's budget be?",  # "halve" is no slip for "have"
    "What is SP1's budget? Our delegation wants it in constant prices.",  # nor "constant", "consultant"
    "What is the audited SP1 budget?",  # a budget, not audited accounts
    "What were the audited contributions to the Foundation in 2020?",  # an estimate
]


BY_THE_PLAN_AND_AUDITED = [
    ("How many posts does SP1 have? We want the end of the plan.", 46),
    ("次级方案1有多少个员额？我们要计划结束时的。", 46),
    ("How many P-5 posts does UN-Habitat's proposal fund?", 49),  # "proposal": a form of "proposed"
    ("2018年经审计的捐款是多少？", 3594),  # a year the table does not mark as an estimate
    ("Adding up the audited contributions for 2014 through 2018, what do you get?", 18108),
]


SAID_OF_ONE = [
    "What is the total budget of SP1 and the regular budget of SP2?",  # a source said of SP2 only
    "What is the budget of SP1 and the TC of SP2?",
    "What is the regular budget for its 73 posts?",  # it states the figure it would be given
    "What is the regular budget for staff?",  # their number, or the money for them?
    "What is the TC for personnel?",
    "Of the regular budget, what share is posts?",  # a money whole: post costs, or posts?
    "Posts as a share of the regular budget?",
    "Of SP4's posts by 2023, what share are recruited in 2021?",  # a year no figure is of
]


SAID_OF_ALL = [
    ("What is the regular budget of SP1 and SP2?", 4345.8),  # said once, of both
    ("How does SP1's TC compare with SP2's?", -10084.8),
    ("Compare the TC of SP1 with the TC of SP2", -10084.8),
    ("What share of regular budget posts are in SP4?", 15.1),  # beside the posts: counted
    ("what proportion of subprogramme 4's posts are funded from the regular budget", 23.4),
    ("Of SP4's budget, what share is posts?", 5.8),  # a money word of its own: post costs
]


# From the second adversarial pass of the landing after set P (899 questions, 167 wrong figures): each
# shape gets no figure now, and the plain question beside it still gets its own.
SECOND_PASS_NO_FIGURE = [
    "What is the FNE budget of SP2 and SP3 together? We want it for SP3.",  # one of a list named again
    "2018年和2019年的捐款合计是多少？我们要2019年的。",
    "What is SP4's TC budget as a share?",  # a share of SP4's budget, of all TC, or of the total?
    "次级方案4的技术合作预算占比是多少？",
    "What is SP4's TC budget for the whole UN-Habitat?",
    "How many posts does UN-Habitat have overall, SP4 included?",
    "整个联合国人居署次级方案4的技术合作预算是多少？",
    "How many posts does SP1, or rather SP2, have?",
    "What is the budget for the strategic plan?",  # money is given for one year
    "次级方案4四年的技术合作资金是多少？",
    "计划期内新增员额有多少？",  # added over the plan: which year?
    "What is the annual percentage change in contributions from 2014 to 2020?",
    "What is the monthly XB funding, i.e. FE plus TC?",  # a qualified name of the asker's own
    "What is the XB funding, i.e. FE plus TC, minus SP4?",
    "How much is supplied by TC to SP1?",  # "supplied" is no slip for the supplies line
    "What is the constancy of SP1's budget?",
    "Which subprogramme is the greenest?",
    "2020年一般业务员额有多少？",  # 员 belongs to 员额, not to a miswritten 费
    "What is SP1's budget? We want the IT part.",  # a name, not a pronoun
    "次级方案2的预算是多少？我们要下一个。",
]
SECOND_PASS_PLAIN = [
    ("What is the FNE budget of SP2 and SP3 together?", 5774.2),
    ("What is SP4's TC budget?", 59531.6),
    ("How many posts does SP2 have in 2020?", 35),
    ("What is the percentage change in contributions from 2014 to 2020?", 136.1),
    ("基金会专用和技术合作这两块专用资金加在一起是多少？", 210871.1),  # the list counted again, not one of it
    ("次级方案3（气候行动）和次级方案4（城市危机）的顾问费合计是多少？", 338.6),  # restated in brackets
]


# From the third adversarial pass of the landing after set P (992 questions, 127 wrong figures).
THIRD_PASS_NO_FIGURE = [
    "How much of the regular budget goes to staff?",  # their number, or the money for them?
    "How much of the FNE goes to employees?",
    "How many posts do SP2 and UN-Habitat have in total?",  # the whole and a part of it
    "次级方案2和人居署一共有多少员额？",
    "Give me the FNE of SP1 and the total of SP2.",  # a source said of the first, a whole of the second
    "SP1's FNE and SP2's budget: total?",
    "次级方案1的基金会非专用和次级方案2的全部预算加起来是多少？",
    "FNE or RB for SP4?",  # one of them, not their sum
    "次级方案4的基金会非专用或经常预算是多少？",
    "How did contributions change each year from 2014 to 2018?",  # each year's change, or an average?
    "2014到2018年捐款每年变化多少？",
    "How many posts are added from 2022 on?",  # a year with nothing after it
    "2021年后新增的G-5员额有多少？",
    "What were contributions up to 2017 in total?",  # that year's, or the sum of the years to it?
    "截至2017年捐款累计多少？",
    "What is the total budget of the agency as a whole for subprogramme 3?",
]
THIRD_PASS_PLAIN = [
    ("What was the fund balance as of 2017?", -327),  # a balance: a position at a date
    ("What is UN-Habitat's TC for SP4?", 59531.6),  # the organisation's name, not the whole
    ("What are the regular budget of SP3 and SP4 together?", 3599.6),
    ("2018 年基金会年终资金余额（扣除业务准备金之后）是多少？", -23),  # 之后 beside no year
    ("请问行政领导和管理部分由基金会非专用资金供资的员额数为多少？", 21),
    ("My delegation is preparing its statement. How many P-4 posts are proposed in 2020? Thanks.", 35),
    # a name in brackets restates the member before it (set R's r053: the source of funding it was read as)
    ("方案支助这一组成部分（PS）一共有多少个P-3员额？", 23),
]

# -- this landing (sets Q, R and S): general shapes, each with its fail-closed neighbour ---------------
FOURTH_PASS_PLAIN = [
    # a paragraph named that prints no figure names what is asked: the tables' figure, the paragraph cited
    ("What is the 2020 core budget as defined in paragraph 46?", 30090.2),
    ("按第46段的口径，2020年核心预算（基金会非专用+经常预算）合计多少？", 30090.2),
    # "<member> <cost line> ÷ <member> posts" qualifies both alike: the cost per post
    ("RB post costs ÷ RB posts", 134.3),
    ("What's the average cost per regular-budget-funded post in 2020 (RB post costs ÷ RB posts)?", 134.3),
    ("基金会捐款收入从2019年预计数到2020年预计数增长了百分之几？", 230.1),  # a range's years "estimated"
    ("Total number of General Service posts in the 2020 staffing tables?", 87),
    ("Which subprogramme plans the most technical materials in 2020? Give the count.", 21),
    ("四个次级方案里面，哪个的总预算最少？给我个数。", 38627.5),  # an instruction sentence, not a count
    ("Delegation asked me this: by how much do SP4's total resources exceed SP1's?", 29733.8),
    ("二〇二〇到二〇二三这四年合计，P-5一共要多少个？", 59),  # years in Chinese digits
    ("FNE里头非员额的钱一共多少？", 2008.1),
    # "for <W>, what percent of the/its budget goes on <P>": <P> of <W>, not <W> of all <P>
    ("For SP2, what percent of the budget goes on general operating expenses?", 12.8),
    (
        "For the shared prosperity subprogramme, what percent of its budget goes on general operating"
        " expenses?",
        12.8,
    ),
    ("SP4's share is what percentage of TC?", 40.4),
    (
        "Looking at the Foundation financial trends table (3.0): how much does the contributions line jump"
        " from 2019 to 2020, in percent?",
        230.1,
    ),
    ("In the staggered recruitment plan, how many P3s come on board in twenty twenty-one?", 14),
    ("Over the whole 2020-2023 strategic plan period, how many posts in total are slated for SP3?", 53),
    ("How many times bigger is the tech coop pot than the earmarked Foundation money in 2020?", 2.32),
]
# attack passes 4 and 5 of this landing: "/", the recruitment plan's rows, shares whose whole comes first
FIFTH_PASS_PLAIN = [
    ("regular budget post costs / regular budget posts", 134.3),  # "/" between a cost line and its posts
    ("次级方案2员额费用/次级方案2员额数", 137.2),
    ("Which subprogramme plans the most workshop/training days in 2020, and how many?", 93),  # one theme
    (
        "How much technical cooperation funding is budgeted for SP3 (climate action / urban environment)?",
        25174.2,
    ),
    ("技术合作有百分之多少给了次级方案4", 40.4),  # "W 有百分之多少给了 M": of W, not of M
    ("员额费用有多少比例由基金会非专用承担", 52.3),
    ("专业员额有多少比例在次级方案4", 19.0),
    ("What share of General Service posts sit in programme support?", 31.0),
    ("What share of the 2020 posts sits in the urban crisis subprogramme?", 18.4),
    ("次级方案4的差旅费有多少？", 5697.8),  # the other travel line prints "—" for SP4
    ("Contractual services in programme support funded by programme support costs", 2032.5),  # the component
    ("What is the cost per post of programme support-funded posts?", 120.4),  # the source
]
SIXTH_PASS_PLAIN = [
    ("次级方案1员额有百分之多少是专业人员", 78.4),  # "W 有百分之多少是 M": M within W
    ("P-5员额有百分之多少是基金会非专用", 61.2),
    ("技术合作有百分之多少是一般业务费用", 12.6),
    ("SP4 posts funded by programme support costs", 9),  # posts, not the money "costs" would make them
    ("What share of SP4 posts are funded by programme support costs?", 19.1),
]
SET_T_PLAIN = [
    ("Grants and contribtions to outside parties - what percentage of the whole 2020 budget is that?", 26.0),
    ("TC for SP4 - what share of SP4's budget is that?", 70.8),  # "is that": the part named before
    ("烦请告知：据表1.1，2020年拟议预算中基金会专用资金总额为若干？", 63473.7),
    ("auditor q: how much of the post costs are paid out of the RB in 2020?", 9800.6),
]
# "<posts> 有多少 / 有几个" counts them; "<posts> 是多少" may be their number or their cost (asked back)
POSTS_COUNTED_AFTER = [
    ("基金会非专用资金供资的员额有多少？", 135),
    ("次级方案4的员额有多少？", 47),
    ("次级方案4的员额一共有多少？", 47),
    ("次级方案4员额有多少？", 47),  # asked back until set U: three writers (k062, s029, t045) count them
    ("方案支助部门 P-3 员额有几个", 23),
]
POSTS_COUNT_OR_COST = ["次级方案4的员额是多少？", "员额为多少？"]
# Set U (tuned on after its first score): a share whose only word for what is measured is the part's own
# ("the P-5 posts") names no whole, and is asked back; a word that can name a member and another thing,
# beside a word that can only name that member ("方案支助部分（组成部分 D）"), is not read as the other
# thing: the same member said twice, or two things, is asked.
SET_U_PLAIN = [
    ("What percentage of posts are P-5?", 19.2),
    ("2020 年二百五十五个员额中，一般事务员额所占比例是多少？", 34.1),  # the whole before the share's word
    ("次级方案 4 在 2020 年拟议预算总额中占百分之几？", 33.4),
    ("Out of the 255 posts in 2020, what percentage are funded from programme support costs?", 18.4),
    ("PSC-funded posts in Programme Support?", 24),  # apart: the component
    ("方案支助部分，PSC供资的P-3有几个？", 12),
    ("Ratio of TC to earmarked Foundation funding — 2 dp pls", 2.32),
    ("次级方案 2 计划出几种技术材料？", 21),
    ("How many P-4 posts are due to be recruited in 2021?", 7),
    ("Across the whole 2020-2023 period, how many posts are planned for SP4?", 57),
    ("次级方案4在2020-2023年整个期间有几个员额？", 57),
    ("方案支助部分（即组成部分 D）的 P-3 员额有多少个？", 23),  # "<name> (i.e. <member>)": that member
    ("programme support (i.e. component D): P-3 posts?", 23),
    ("我们平时讲的“核心预算”，也就是基金会非专用加上经常预算，2020年一共是多少？", 30090.2),
    ("基金会非专用即将用于共同繁荣次级方案的资金是多少？", 2277.0),  # 即将: "about to", not "i.e."
    ("What funds the posts of SP2?", 35),  # by source of funding: 16 + 16 + 3
    ("Which source of funding pays for most of subprogramme 2?", 36388.2),
    # the ninth adversarial pass
    ("What is the change in posts from 2023 to 2020?", -61),  # from the later year: backwards
    ("从2023年到2020年员额的变化是多少？", -61),
    ("What is the percentage change from 2023 to 2020 in posts?", -19.3),
    ("方案支助（资金来源）的方案支助部分员额费用", 2484.2),  # the same words, one narrowed by its head
    ("方案支助（资金来源）：方案支助部分有多少员额？", 24),
    # the tenth adversarial pass: the base of a comparison said first is subtracted
    ("与2019年相比，2020年捐款多多少？", 12419),
    ("Compared with 2020, how many more posts in 2023?", 61),
    ("与次级方案2相比，次级方案3少多少？", 17531.1),
    ("相较于次级方案2，次级方案3多多少？", -17531.1),
    ("次级方案3比次级方案2少多少？", 17531.1),
    ("How many more posts in 2023 compared with 2020?", 61),
    ("麻烦问一下，行政领导和管理下面，基金会专用资金出的顾问费是多少？", 258.0),  # one line in doubt only
    # after set V's first score
    ("by how much do regular-budget post costs exceed programme-support post costs?", 4144.0),  # two sources
    ("Of the 255 posts budgeted for 2020, what proportion are General Service?", 34.1),
    ("四个次级方案的预算加起来一共多少钱？老板要个总数", 233324.5),  # a second sentence that says again
    ("四个SP的基金会非专用（non-earmarked）经费加一块儿是多少哈？", 11785.7),
    (
        "次级方案4的技术合作资金与其基金会专用资金之比是多少？",
        3.15,
    ),  # in a comparison, 其 = the member before
    ("SP4 TC vs its FE?", 40606.2),
    ("Component C: how much is the regular budget?", 1663.1),
    ("组成部分 B 的员额费用是多少？", 986.1),
    ("请问次级方案4中由方案支助资金供资的P-3员额数目为何？", 2),  # 为何 last: "is what" (书面语)
    ("在基金会非专用资金供资的员额中，专业及以上职类所占比例为何？", 68.9),
    ("By what percentage will the post count have grown by 2023 compared with the 2020 level?", 23.9),
    ("到2023年员额比2020年增加多少？", 61),  # by the plan's first year: its own posts
    ("By 2022, how many more posts than 2020?", 60),
    ("How many more posts will SP1 have over 2020-2023 than in 2020?", 9),  # the range first: by its end
    ("次级方案1在整个2020-2023年战略计划期间的员额比2020年多几个？", 9),
    ("基金会向项目组合收取的方案支助费比例是多少？", 13.0),  # a rate is its own figure, not a share
    ("Rough per-post cost in subprogramme 1? Post costs divided by number of posts, in thousands.", 139.9),
]
SET_U_NO_FIGURE = [
    "次级方案4的预算为何减少？",  # 为何 elsewhere: why
    "预算减少的原因为何？",
    "How many P-3 posts by 2019?",  # before the plan
    "What is SP1's budget? We want the IT part.",
    # the eighth adversarial pass: a sentence of context that moves the year or the period is read
    "Our research team asks about the previous year. What is the total budget?",
    "Our desk officer is drafting a note on next year's budget. What is the total budget?",
    "Our research team asks about the whole period. How many posts are there?",
    "How many posts does subprogramme 4 have? Over the whole period.",
    "What is the budget for the period?",  # "period" with no range of years: which?
    "次级方案4有几个员额？整个期间。",
    # money asked in a sentence after a count: the number, or the cost?
    "How many posts does subprogramme 4 have? Cost, please.",
    "次级方案3有几个员额？按千美元。",
    "次级方案4有几个员额？要的是钱。",
    # a share of a grade or category with no whole (all posts, or a group of them?), or asked apart
    "P-5 account for what percent?",
    "P-5占几成？",
    "专业及以上职类占多少百分比？",
    "What is the P-3 share?",
    "How many posts does subprogramme 4 have? As a share.",
    "次级方案4有几个员额？占比。",
    # the ninth adversarial pass: years said relative to now; a share whose whole is said apart
    "明年次级方案4的预算是多少？",
    "后年：预算总额是多少？",
    "次级方案3的员额有多少？明年。",
    "一般事务员额的比例是多少？在次级方案4里。",  # within SP4, or SP4's part of GS?
    "一般事务员额的比例，在次级方案4里是多少？",
    # the tenth pass: a figure only a table printing another component's figures gives (Table 7.2)
    "次级方案2经常预算的员额费用是多少？",
    "How much technical cooperation money goes to grants and contributions in subprogramme 2?",
    "次级方案2基金会专用资金的工作人员差旅费比次级方案3多多少？",
    "技术合作和基金会专用分别占预算的多少？",  # several shares: one at a time
    "What is SP2's budget and its TC money?",  # two figures asked: "its" is not ignored
    "次级方案2的预算和其技术合作资金是多少？",
]


@pytest.mark.parametrize(
    "question, figures",
    [
        ("次级方案1和次级方案2的预算分别是多少？", ["54 402.3", "56 158.6"]),
        ("What are the budgets of subprogramme 1 and subprogramme 2 respectively?", ["54 402.3", "56 158.6"]),
        ("技术合作和基金会专用分别为多少？", ["147 397.4", "63 473.7"]),
        ("How many posts will be added in 2021 and 2022, respectively?", ["48", "12"]),
    ],
)
def test_figures_asked_respectively_are_listed_with_no_total(assistant, question, figures):
    answer = assistant.ask(question).to_dict()
    assert answer["status"] == "answered" and answer["result"]["value"] is None, answer["answer"]
    assert all(f in answer["answer"] for f in figures), answer["answer"]
    assert "110 560.9" not in answer["answer"] and "210 871.1" not in answer["answer"]


SET_U_QUESTION_BACK = [
    "What percentage are the P-5 posts?",
    "What share are General Service posts?",
    "P-5员额占比是多少？",
    "SP4's posts as a percentage?",
    "方案支助部分（组成部分 D）的 P-3 员额有多少个？",
    "programme support (component D): P-3 posts?",
]
SIXTH_PASS_NO_FIGURE = [
    "Programme support post costs / programme support posts",  # the same words read alike: PS, or PSC?
    "PS post costs ÷ PS posts",
    "What percentage of its budget is that?",  # whose?
    "What are technical cooperation contributions used for?",  # what it is for: a question for the text
    "技术合作用于哪些方面？",
    "Where was the ninth World Urban Forum held and what declaration did it adopt?",
    "When did UN-Habitat submit its first quadrennial report on implementing the New Urban Agenda?",
    "据说次级方案1的预算是多少？",
]
FIFTH_PASS_NO_FIGURE = [
    "SP1/SP2 budget",  # and, or, or divided by?
    "TC/FNE for SP4",
    "SP1 budget / SP1 posts",
    "2019/2020 contributions",
    "2021年交错征聘的员额有多少？",  # the plan's row for 2021 (48), or all posts by then (303)?
    "Staggered recruitment: posts for subprogramme 3 in 2022?",
    "Subprogramme 3's share of posts in the Foundation non-earmarked (by count)?",
    "How many posts are funded by the Foundation?",  # a source of funding with nil posts: still asked
    "空间不平等鸭贫困现象计划多少技术材料(份数)？",  # a member's name miswritten, not a theme of rows below
    "What percentage of TC ends up with SP4?",
]
FOURTH_PASS_NO_FIGURE = [
    "What is the budget of subprogramme 2 according to paragraph 46?",  # ¶46 does not name it
    "Per paragraph 47, what is the estimate for 2020?",
    "SP1 RB post costs ÷ RB posts",  # the posts qualified apart
    "RB post costs divided by SP1 posts",
    "How many tables does SP1 have?",
    "What does SP2 give to SP3?",
    "SP 2 as a percentage of all subprogrammeq' budgets?",  # a miswritten head is no word of SP2's name
    "subprogramme 1: how much is spent on publications?",
    "次级方案二〇的预算",
]


@pytest.mark.parametrize(
    "question, value",
    FIGURES
    + BY_THE_PLAN_AND_AUDITED
    + SAID_OF_ALL
    + SECOND_PASS_PLAIN
    + THIRD_PASS_PLAIN
    + FOURTH_PASS_PLAIN
    + FIFTH_PASS_PLAIN
    + SIXTH_PASS_PLAIN
    + SET_T_PLAIN
    + POSTS_COUNTED_AFTER
    + SET_U_PLAIN,
)
def test_the_figure(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    NO_FIGURE
    + SELF_CORRECTED_AND_OVER_THE_PLAN
    + SECOND_PASS_NO_FIGURE
    + THIRD_PASS_NO_FIGURE
    + FOURTH_PASS_NO_FIGURE
    + FIFTH_PASS_NO_FIGURE
    + SIXTH_PASS_NO_FIGURE
    + SET_U_NO_FIGURE,
)
def test_no_figure(assistant, question):
    assert figure(assistant, question) is None


@pytest.mark.parametrize(
    "question", QUESTION_BACK + WHOLE_AND_MEMBER + SAID_OF_ONE + POSTS_COUNT_OR_COST + SET_U_QUESTION_BACK
)
def test_a_question_back(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None and answer["status"] == "clarify", answer["answer"]


@pytest.mark.parametrize(
    ("question", "printed", "lines"),
    [
        ("What was total income to the Foundation's non-earmarked account in 2014?", "7 610", "7 947"),
        ("2018年底基金会的资金和储备金余额是多少？", "1 280", "1 459"),
    ],
)
def test_a_total_its_own_lines_contradict_says_so(assistant, question, printed, lines):
    answer = assistant.ask(question).to_dict()
    assert answer["result"]["value"] == pytest.approx(float(printed.replace(" ", "")))
    assert lines in answer["answer"] and printed in answer["answer"]


def test_a_total_its_own_lines_agree_with_has_no_such_note(assistant):
    answer = assistant.ask("Foundation total income 2016").to_dict()
    assert answer["result"]["value"] == 4785 and "disagrees with itself" not in answer["answer"]


def test_a_paragraph_without_a_figure_is_cited_beside_the_tables(assistant):
    answer = assistant.ask("What is the 2020 core budget as defined in paragraph 46?").to_dict()
    cited = [c["label"] for c in answer["citations"]]
    assert "¶46" in cited and any("1.1" in label for label in cited)
    assert "¶46 states no figure of its own" in answer["answer"]


# A sentence or a comma clause before the question that names no member and speaks of the asker's occasion
# (`Calculator.occasion`): set aside, with a note, when the question names a member or asks for a total and
# no word of it may narrow the figure: a word not understood (a city, a theme, "the shortfall"), a word of the
# figure, a word of [context] narrowing, a heading ending with a colon.
OCCASION_SET_ASIDE = [
    (
        "Our delegation is preparing talking points for the resumed Executive Board session next week. "
        "What is UN-Habitat's total proposed budget for 2020?",
        251602.3,
    ),
    ("As my capital asked, what is the total budget of subprogramme 2?", 56158.6),
    ("Our ambassador is preparing her remarks, how many posts does subprogramme 3 have in 2020?", 41),
    ("我们代表团在准备执行局会议的发言。次级方案2的预算总额是多少？", 56158.6),
    ("同事让我查一下，次级方案2的预算总额是多少？", 56158.6),
    # a heading over the question closed by a colon, a clause of the occasion with no word of the asker
    ("For my ambassador's briefing: how much is proposed for subprogramme 1 in 2020?", 54402.3),
    ("For the minister's speech: how many posts does SP3 have?", 41),
    ("Ahead of Thursday's board meeting, what is the budget of subprogramme 2?", 56158.6),
    ("Ahead of the informal consultations, how many P-4 posts are there in subprogramme 1?", 5),
    ("在执行局会议之前，次级方案2的预算是多少？", 56158.6),
    ("会前想确认一下，次级方案2的预算是多少？", 56158.6),
    ("为了准备大使的发言：次级方案3有多少个员额？", 41),
    ("For a story: which funding source puts the most money into UN-Habitat's 2020 budget?", 147397.4),
    ("写报道用：次级方案4的预算是多少？", 84136.1),
    ("In preparation for the session, how much regular budget money does subprogramme 3 receive?", 2021.4),
]

OCCASION_READ = [
    "For our work in Mosul, what is the total budget of subprogramme 4?",  # a city the text names
    "Our delegation cares about Iraq a great deal. What is the total budget of subprogramme 4?",
    "Our delegation cares about slum upgrading a lot. What is the budget?",  # the question names nothing
    "For my delegation's records, what is the total budget of subprogramme 2?",
    "My minister wants the numbers on refugees. What is the total budget of subprogramme 4?",
    "What is the total budget of subprogramme 2? Our delegation cares about Iraq.",  # after the question
    "Our minister follows the Arab region, what is the total budget of subprogramme 1?",
    "我们大使很关心伊拉克的土地试点。次级方案4的预算总额是多少？",
    "我们代表团只关心摩苏尔，次级方案4的预算总额是多少？",
    "我的记录：次级方案2的预算总额是多少？",
    "For my records: what is the budget of subprogramme 2?",  # a heading that narrows
    "For the regional offices: what is the budget of subprogramme 2?",
    "Ahead of the session next year, what is the budget of subprogramme 2?",  # a time, no year asked
    "在执行局会议之前，只算专用资金，次级方案2的预算是多少？",
    "For the regional offices: which subprogramme has the most posts?",
    "In preparation for next year, how much regular budget money does subprogramme 3 receive?",
]


@pytest.mark.parametrize(
    "question, value",
    [
        ("What is the total programme budget?", 251602.3),
        ("How much is the climate programme's budget?", 38627.5),
        ("P-5一共多少个坑？", 49),
        ("How much earmarked Foundation money is Subprogramme 2 getting in 2020?", 14338.9),
    ],
)
def test_everyday_words_for_a_subprogramme_a_post_and_receiving(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


def test_a_table_named_before_a_sentence_of_instructions_is_the_one_cited(assistant):
    answer = assistant.ask(
        "In Table 1.3, how many times larger is technical cooperation than Foundation earmarked funding? "
        "Give the ratio."
    ).to_dict()
    assert answer["result"]["value"] == pytest.approx(2.32, abs=0.005)
    assert "Table 1.3" in answer["answer"]


# Words a reading must never drop (an attack pass found each turned into a figure for something else):
# a subtraction (减去 anywhere; "less <B>" opening a clause), a part of a year (the tables give whole years),
# the asker's own part or share, a word of narrowing that is also a word of a member's long name ("region").
NEVER_DROPPED = [
    "预算总额减去技术合作是多少？",
    "减去技术合作，预算总额是多少？",
    "我们代表团正在准备发言要点，减去专用资金。预算总额是多少？",
    "Our delegation is preparing talking points, less technical cooperation. What is the total budget?",
    "请按年中情况。次级方案2的预算是多少？",
    "我们代表团要上半年的数。次级方案1的预算总额是多少？",
    "Our delegation wants the second half. How many posts does subprogramme 1 have?",
    "What is subprogramme 4's first quarter budget?",
    "Our delegation wants our part of it. What is the total budget of subprogramme 2?",
    "What is the total budget of subprogramme 1, for our delegation's earmarked share?",
    "What is the total budget of subprogramme 4, please, for our share?",
    "我们代表团要我国那部分。次级方案1的预算总额是多少？",
    "我们代表团要我们那一份。次级方案2的预算总额是多少？",
    "Our delegation wants its own part. What is the total budget of subprogramme 3?",
    "Our delegation is preparing talking points; what is the total budget of subprogramme 2 in our region?",
    # an occasion with a word not understood: it may narrow the figure
    "Our delegation is interested in vacant positions. How many posts does subprogramme 2 have?",
    "Our minister wants the shortfall. What is the total budget of subprogramme 3?",
    "我们部长要资金缺口。次级方案3的预算总额是多少？",
    "我国部长分管拉丁美洲，次级方案1的预算总额是多少？",
]


@pytest.mark.parametrize(
    "question, value",
    [
        ("Which subprogramme gets less technical cooperation?", 25174.2),
        ("How much less does subprogramme 1 get than subprogramme 2?", 1756.3),
        ("What share of the budget goes to subprogramme 4?", 33.4),
        ("次级方案4占预算的份额是多少？", 33.4),
        (
            "What is the total budget of subprogramme 2 of the shared prosperity of cities and regions?",
            56158.6,
        ),
    ],
)
def test_the_same_words_still_read_where_they_mean_what_the_tables_hold(assistant, question, value):
    assert abs(figure(assistant, question)) == pytest.approx(value, abs=0.05)


def test_words_set_aside_quote_a_table_named_in_them(assistant):
    answer = assistant.ask(
        "Our delegation is reading Table 1.3 closely. What are the post costs under the Foundation "
        "non-earmarked funds?"
    ).to_dict()
    assert answer["result"]["value"] == pytest.approx(16919.3, abs=0.05)
    assert "“Our delegation is reading Table 1.3 closely.”" in answer["answer"]


@pytest.mark.parametrize(
    "question, status, words",
    [
        ("预算总额减去技术合作是多少？", "clarify", "列出要相加的部分"),
        (
            "Our delegation is preparing talking points, less technical cooperation. "
            "What is the total budget?",
            "clarify",
            "Name the parts to add up",
        ),
        ("What is subprogramme 4's first quarter budget?", "absent", "whole years"),
        ("请按年中情况。次级方案2的预算是多少？", "absent", "全年数字"),
    ],
)
def test_a_subtraction_is_asked_back_and_a_part_of_a_year_said_absent(assistant, question, status, words):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None or answer["result"].get("value") is None
    assert answer["status"] == status and words in answer["answer"]


# A second attack pass (429 questions) found these given a figure for something else: a member named in a
# sentence of the asker's beside a question that names another or none (asked back), the asker's own
# money ("do we pay", 我们对…的拨款), a fraction in words in a sentence set aside.
SECOND_PASS = [
    "Our delegation covers consultants. What is the total budget?",
    "Our delegation pays for posts. What is the total for subprogramme 3?",
    "Our delegation wants each subprogramme. What is the total budget?",
    "我们资助技术合作。预算总额是多少？",
    "What is my delegation's contribution to subprogramme 2?",
    "How much do we contribute to technical cooperation for subprogramme 4?",
    "What do we pay for programme support?",
    "我们对次级方案2的拨款是多少？",
    "我们的次级方案1预算是多少？",
    "我们部长要四分之一。次级方案4的预算总额是多少？",
]


@pytest.mark.parametrize(
    "question, value",
    [
        ("Could you tell us the total budget of subprogramme 2?", 56158.6),
        ("我们为部长准备发言要点，次级方案2的预算是多少？", 56158.6),
        (
            "Our delegation follows subprogramme 4 closely. "
            "What is the technical cooperation budget of subprogramme 4?",
            59531.6,
        ),
    ],
)
def test_the_asker_named_without_their_own_money_is_still_answered(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question, words",
    [
        ("我们对次级方案2的拨款是多少？", "会员国"),
        ("What do we pay for programme support?", "member State"),
        ("Our delegation wants our part of it. What is the total budget of subprogramme 2?", "member State"),
    ],
)
def test_the_askers_own_money_is_said_to_be_absent(assistant, question, words):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] is None or answer["result"].get("value") is None
    assert answer["status"] == "absent" and words in answer["answer"]


# A third attack pass (348 questions) found the asker's own part in other words, and a plain sentence of
# background that says something of another member read into the question; all get no figure now.
THIRD_PASS = [
    "How much of subprogramme 4 do we cover?",
    "Of the technical cooperation total for subprogramme 4, how much is ours?",
    "What is the figure for subprogramme 1 that falls to us?",
    "What does subprogramme 1 cost my delegation?",
    "What is the value of our grant to subprogramme 1?",
    "How much of the 2020 Foundation contributions came from us?",
    "What is the amount that, as a member state, we are expected to provide for subprogramme 2?",
    "次级方案4中我们承担多少？",
    "次级方案1的技术合作资金里属于我们的有多少？",
    "我们这边的专用资金是多少？",
    "General operating expenses rose sharply. What is the total budget of programme support?",
    "基金会专用资金在萎缩。预算总额是多少？",
    "次级方案3资金不足。预算总额是多少？",
    "We are funding a third of it. What is the budget of subprogramme 4?",
]


@pytest.mark.parametrize("question", THIRD_PASS)
def test_the_third_attack_pass_gets_no_figure(assistant, question):
    answer = assistant.ask(question).to_dict()
    assert answer["status"] != "answered", answer["answer"]


@pytest.mark.parametrize(
    "question, value",
    [
        ("Good morning. What is the total budget of subprogramme 1?", 54402.3),
        ("Apologies for the basic question. How many posts are there in total?", 255),
        ("早上好。次级方案1的预算总额是多少？", 54402.3),
        ("谢谢主席。次级方案3的预算总额是多少？", 38627.5),
    ],
)
def test_a_sentence_of_courtesy_is_set_aside(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question, value",
    [
        ("Could you tell me: break down the budget of the third subprogramme by source of funding.", 38627.5),
        ("Tbl 3.0 contributions - % growth 2019 est. to 2020 est.?", 230.1),
    ],
)
def test_a_sentence_that_opens_the_question_or_an_abbreviation_is_not_asked_back(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


def test_posts_over_the_plan_period_are_the_plans_posts(assistant):
    """The second attack pass's one figure left: 'over the plan period' was read as the budget year (35)."""
    assert figure(assistant, "How many posts does subprogramme 2 have over the plan period?") == 43
    assert figure(assistant, "What is the budget of subprogramme 2 over the plan period?") is None


# Background and occasions (a sentence or a clause) share one mechanism (`Calculator.set_aside`): the same
# two properties hold for all of them, and for the words a reading must never drop.
@pytest.mark.parametrize("question, value", BACKGROUND_SET_ASIDE + OCCASION_SET_ASIDE)
def test_a_sentence_or_clause_of_background_or_occasion_is_set_aside_and_said(assistant, question, value):
    answer = assistant.ask(question).to_dict()
    assert answer["result"] and answer["result"]["value"] == pytest.approx(value, abs=0.05), answer["answer"]
    assert "“" in answer["answer"].split("\n")[-1]  # the words set aside, quoted


@pytest.mark.parametrize("question", BACKGROUND_KEPT + OCCASION_READ + NEVER_DROPPED + SECOND_PASS)
def test_words_that_may_narrow_the_figure_are_read_and_give_no_other_figure(assistant, question):
    assert figure(assistant, question) is None


def test_a_misspelt_word_of_one_readings_name_chooses_that_reading(assistant):
    """Found by the misspelling property: a word of the name of one of the members "travel" may read
    ("representatives'", misspelt) was taken as part of the name, and travel of staff was answered."""
    answer = assistant.ask("How much does subprogramme 4 spend on representativeq' travel?").to_dict()
    assert answer["result"]["value"] == 0 and "Travel of representatives" in answer["answer"]


# Set AD's first reading (eval/README.md): words of a ranking's place, the organisation named before "its",
# "what the <head>'s total" (no member ranged over), and small words of speech that say nothing of the figure.
@pytest.mark.parametrize(
    "question, value",
    [
        (
            "Ranking the four subprogrammes by their total 2020 requirements, what is the figure for the one "
            "in second place?",
            56158.6,
        ),
        ("Which subprogramme is in second place by posts?", 41),
        (
            "Could you please let me know how many P-4 posts the organization requires in 2020 across all of "
            "its components?",
            35,
        ),
        ("Could you tell me what the Foundation's operating reserve amounted to in 2017?", 2606),
        ("hey quick one - what did the Foundation actually take in as contributions in 2018?", 3594),
        (
            "On behalf of my delegation, may I ask by how much the 2020 allocation for Subprogramme two "
            "exceeds that of Subprogramme 1, counting all sources of funding?",
            1756.3,
        ),
        ("SP3: no. of field & TC projects planned for 2020?", 28),
        ("2014年至2018年基金会所收捐款合计多少？", 18108),
        ("由基金会非专用资金供资的员额为若干？", 135),  # (a count in formal Chinese)
        ("次级方案2的经费为若干？", 56158.6),
        ("What is the headline figure for the total budget?", 251602.3),
        ("Forgive me, what is the budget of subprogramme 3?", 38627.5),
        (  # set AF: a count of a member's figure is not a count of the members beside it
            "Altogether, across all four subprogrammes, how many field and technical cooperation projects "
            "does UN-Habitat plan to deliver in 2020?",
            125,
        ),
        ("ratio of technical coop to foundaton earmarked funding in 2020? 2 decimals pls", 2.32),
        ("就2020年全部所需资源而言，其他工作人员费用与员额费用之比为多少？（保留两位小数）", 2.51),
        # the attack pass on this landing: "in place" is what exists, not a ranking's place (it gave a rank,
        # 3, for SP1's budget: older than this landing)
        ("What is the budget in place for SP1?", 54402.3),
        ("How many posts are in place for SP4?", 47),
        ("How many P-4 posts are in place for SP3?", 8),
    ],
)
def test_words_of_a_place_a_pronoun_and_speech_are_read(assistant, question, value):
    assert figure(assistant, question) == pytest.approx(value, abs=0.05)


@pytest.mark.parametrize(
    "question",
    [
        "could you tell me what the subprogramme's total allocation for 2020 comes to?",  # which one?
        "What is the budget of the subprogramme in second place?",  # second by what?
        "How many posts does UN-Habitat have in its subprogramme?",
        # the attack pass on this landing: "place" alone is not read; "<organisation> and its <heads>" (the
        # whole, or the members?); "get back", "May" (a month), "目前收到" (received so far)
        "What is SP3's place by budget?",
        "Which subprogramme is in second position?",  # (a position is also a post)
        "How many posts do UN-Habitat and its subprogrammes have in total?",
        "What is the budget of UN-Habitat and its subprogrammes?",
        "人居署及其各次级方案的员额总数是多少？",
        "会前想确认一下，人居署及其各次级方案的预算合计是多少？",
        "How much of SP4's budget is given back in 2020?",
        "What will SP2 get back in 2020?",
        "May I ask what the budget for May 2020 is?",
        "次级方案4目前收到的技术合作资金有多少？",
        # set AF's first reading: a year named beside "by year" (af023 summed 2021-2023 for 2021's 9)
        "In Table 1.5B (staggered recruitment by year and funding), how many posts are to be recruited in "
        "2021 for subprogramme 3?",
        "How many posts are added in 2021 for subprogramme 3, by year?",
        # the attack pass on AF's tuning: a correction never writes over a word that denies ("基金非专用" had
        # been read as 基金会专用, the opposite source); "how many <heads> have <member>" with no number
        "次级方案1的基金非指定用途资金是多少？",
        "次级方案4的基金非专用资金是多少？",
        "基金非指定用途的员额共有多少个？",
        "How many subprogrammes have field and technical cooperation projects?",
        "四个次级方案中，有几个有技术合作项目？",
        "四个次级方案中有多少个有P-4员额？",
        # a year named inside a range of years beside it (it was dropped: the range's figure was given)
        "Which year in 2014-2018 had the highest Foundation non-earmarked income, in 2016?",
        "2016年，2014年至2018年基金会非专用收入哪一年最高？",
        "In 2022, which year from 2021 to 2023 adds the most posts for subprogramme 3?",
    ],
)
def test_what_names_no_one_figure_gets_no_figure(assistant, question):
    assert figure(assistant, question) is None
