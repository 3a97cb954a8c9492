"""What readers type into the search box, and where each query must lead first.

(query, the page (and #section, where one is clearly right) the first result must be, the words that must be
marked on the page it opens). Paths are relative to the edition's root.
"""

from __future__ import annotations

ZH: list[tuple[str, str, str]] = [
    # numbers as the article writes them: the figure's card on the figures page
    ("1.14亿", "figures/#fig-mau", "1.14亿"),
    ("5000万", "figures/#fig-dau", "5000万"),
    ("45亿", "figures/#fig-red-envelope-total", "45亿"),
    ("10亿次", "figures/#fig-creations", "10亿次"),
    ("36亿次", "figures/#fig-lottery-draws", "36亿次"),
    ("159个", "figures/#fig-features-shipped", "159个"),
    ("21天", "figures/#fig-iteration-days", "21天"),
    ("30亿", "figures/#fig-alibaba-budget", "30亿"),
    ("5亿", "figures/#fig-baidu-budget", "5亿"),
    ("将近9次", "figures/#fig-creations-per-user-claim", "将近9次"),
    ("二十年", "figures/#fig-social-experience-years", "二十年"),
    ("数千万", "chapters/watershed/#people-reached", "数千万"),
    # names
    ("元宝派", "glossary/#term-yuanbao-pai", "元宝派"),
    ("马化腾", "chapters/opening/", "马化腾"),
    ("豆包", "players/", "豆包"),
    ("千问", "players/", "千问"),
    ("文心一言", "players/", "文心一言"),
    ("QQ秀", "chapters/why-tencent/", "QQ秀"),
    # the glossary's terms: each its own entry
    ("亿级俱乐部", "glossary/#term-hundred-million-club", "亿级俱乐部"),
    ("社交嘴替", "glossary/#term-social-stand-in", "社交嘴替"),
    ("AI社交", "glossary/#term-ai-social", "AI社交"),
    ("无感知普及", "glossary/#term-unnoticed-adoption", "无感知普及"),
    ("红包大战", "glossary/#term-red-envelope-war", "红包大战"),
    ("月活", "glossary/#term-mau", "月活"),
    ("DAU", "glossary/#term-dau", "DAU"),
    ("迁移成本", "glossary/#term-switching-cost", "迁移成本"),
    ("AI伴侣", "glossary/#term-ai-companion", "AI伴侣"),
    ("AI原生应用", "glossary/#term-ai-native-app", "AI原生应用"),
    # phrases of the chapters and pages
    ("AI红包", "glossary/#term-red-envelope-war", "AI红包"),
    ("护城河", "chapters/why-tencent/", "护城河"),
    ("分水岭", "chapters/watershed/", "分水岭"),
    ("孤独经济", "chapters/why-tencent/", "孤独经济"),
    ("打车大战", "chapters/into-your-circle/", "打车大战"),
    ("微信支付", "chapters/watershed/", "微信支付"),
    ("怎样读这篇文章", "reading/", "怎样读这篇文章"),
]

EN: list[tuple[str, str, str]] = [
    ("114 million", "figures/#fig-mau", "114 million"),
    ("50 million", "figures/#fig-dau", "50 million"),
    ("4.5 billion", "figures/#fig-red-envelope-total", "4.5 billion"),
    ("3.6 billion", "figures/#fig-lottery-draws", "3.6 billion"),
    ("3 billion", "figures/#fig-alibaba-budget", "3 billion"),
    ("500 million", "figures/#fig-baidu-budget", "500 million"),
    ("nearly 9", "figures/#fig-creations-per-user-claim", "nearly 9"),
    ("twenty years", "figures/#fig-social-experience-years", "twenty years"),
    ("Pony Ma", "chapters/opening/", "Pony Ma"),
    ("Ma", "chapters/opening/", "Ma"),
    ("Yuanbao Pai", "glossary/#term-yuanbao-pai", "Yuanbao Pai"),
    ("元宝派", "glossary/#term-yuanbao-pai", "元宝派"),
    ("Doubao", "players/", "Doubao"),
    ("Qwen", "players/", "Qwen"),
    ("Ernie Bot", "players/", "Ernie Bot"),
    ("QQ Show", "chapters/why-tencent/", "QQ Show"),
    ("hundred-million club", "glossary/#term-hundred-million-club", "hundred-million club"),
    ("social stand-in", "glossary/#term-social-stand-in", "social stand-in"),
    ("AI social", "glossary/#term-ai-social", "AI social"),
    ("unnoticed adoption", "glossary/#term-unnoticed-adoption", "unnoticed adoption"),
    ("red-envelope war", "glossary/#term-red-envelope-war", "red-envelope war"),
    ("monthly active users", "glossary/#term-mau", "monthly active users"),
    ("DAU", "glossary/#term-dau", "DAU"),
    ("switching cost", "glossary/#term-switching-cost", "switching cost"),
    ("AI companion", "glossary/#term-ai-companion", "AI companion"),
    ("moat", "chapters/why-tencent/", "moat"),
    ("watershed", "chapters/watershed/", "watershed"),
    ("loneliness economy", "chapters/why-tencent/", "loneliness economy"),
    ("ride-hailing", "chapters/into-your-circle/", "ride-hailing"),
    ("WeChat Pay", "chapters/watershed/", "WeChat Pay"),
    ("Reading the article critically", "reading/", "Reading the article critically"),
]
