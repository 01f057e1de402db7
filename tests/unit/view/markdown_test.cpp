#include "view/markdown.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace rynek::view {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Everything that would let Markdown run script or embed a document.
void expect_safe(const std::string& markdown) {
  const std::string html = lower(render_markdown(markdown));
  SCOPED_TRACE("input: " + markdown + "\noutput: " + html);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("<object"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  // Dangerous schemes may remain as visible text (an autolink's label), never in a tag.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<[^>]*(javascript|vbscript|data):)")));
  EXPECT_EQ(html.find("href=\"\""), std::string::npos) << "dead link left behind";
  // An event handler attribute inside a real tag (escaped text such as
  // "&lt;img onerror=" is harmless and is not matched because "<" is escaped).
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<[a-z][^>]*\son\w+\s*=)")));
}

TEST(MarkdownSafety, HostileInputsAreNeutralised) {
  const std::string inputs[] = {
      "<script>alert(1)</script>",
      "Hello <script>alert(1)</script> world",
      "<img src=x onerror=alert(1)>",
      "text <img src=x onerror=\"alert(1)\"> inline",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<div onmouseover=\"alert(1)\">hover</div>",
      "<svg onload=alert(1)>",
      "<style>body{display:none}</style>",
      "<!-- comment --><script>alert(1)</script>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "[click](javascript:alert(1))",
      "[click](JAVASCRIPT:alert(1))",
      "[click](  javascript:alert(1)  )",
      "[click](jav&#x61;script:alert(1))",
      "[click](&#106;avascript:alert(1))",
      "[click](vbscript:msgbox(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "![img](javascript:alert(1))",
      "[ref]\n\n[ref]: javascript:alert(1)",
      "[ref][x]\n\n[x]: jav&#x61;script:alert(1) \"title\"",
      "<javascript:alert(1)>",
      "<JavaScript:alert(1)>",
      "[x](javascript&#58;alert(1))",
      "[x](<javascript:alert(1)>)",
      "[x](java\tscript:alert(1))",
      "[x](file:///etc/passwd)",
      "[x](DaTa:text/html,<script>alert(1)</script>)",
      "<object data=\"x.swf\"></object>",
      "```\n<script>alert(1)</script>\n```",
      "`<script>alert(1)</script>`",
      "| a |\n|---|\n| <script>alert(1)</script> |",
      "- [ ] <img src=x onerror=alert(1)>",
  };
  for (const auto& input : inputs) expect_safe(input);
}

TEST(MarkdownSafety, DangerousLinksKeepOnlyTheirText) {
  EXPECT_EQ(render_markdown("[click](javascript:alert(1))"), "<p>click</p>\n");
  EXPECT_EQ(render_markdown("[click](jav&#x61;script:alert(1))"), "<p>click</p>\n");
  EXPECT_EQ(render_markdown("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
  EXPECT_EQ(render_markdown("![alt text](data:text/html,x)"), "<p>alt text</p>\n");
  EXPECT_EQ(render_markdown("[![in](javascript:1)](javascript:2)"), "<p>in</p>\n");
  // Outside links the words are harmless text and stay.
  EXPECT_EQ(render_markdown("javascript: is a language"), "<p>javascript: is a language</p>\n");
}

TEST(MarkdownSafety, InlineDataImagesAreAllowed) {
  EXPECT_NE(render_markdown("![dot](data:image/png;base64,iVBORw0KGgo=)")
                .find(R"(src="data:image/png;base64,iVBORw0KGgo=")"),
            std::string::npos);
}

TEST(MarkdownSafety, RawHtmlIsNotPassedThrough) {
  const std::string html = render_markdown("<b>bold</b> and <!-- secret -->\n\n<div>block</div>");
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<div>"), std::string::npos);
  EXPECT_EQ(html.find("secret"), std::string::npos);
}

TEST(MarkdownSafety, CodeIsEscapedNotDropped) {
  EXPECT_NE(render_markdown("`<script>`").find("<code>&lt;script&gt;</code>"), std::string::npos);
}

TEST(MarkdownSafety, SafeLinksAndImagesSurvive) {
  EXPECT_NE(render_markdown("[site](https://example.org/a?b=1&c=2)")
                .find(R"(<a href="https://example.org/a?b=1&amp;c=2">site</a>)"),
            std::string::npos);
  EXPECT_NE(
      render_markdown("[mail](mailto:jan@example.org)").find(R"(href="mailto:jan@example.org")"),
      std::string::npos);
  EXPECT_NE(render_markdown("![logo](/static/logo.png)").find(R"(src="/static/logo.png")"),
            std::string::npos);
}

TEST(Markdown, ParagraphsAndEmphasis) {
  EXPECT_EQ(render_markdown("Hello *world*"), "<p>Hello <em>world</em></p>\n");
}

TEST(Markdown, TablesRender) {
  const std::string html = render_markdown("| Day | Time |\n|-----|-----:|\n| Mon | 10:00 |\n");
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("<th>Day</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>Mon</td>"), std::string::npos);
}

TEST(Markdown, BareUrlsBecomeLinks) {
  EXPECT_NE(render_markdown("See https://example.org now")
                .find(R"(<a href="https://example.org">https://example.org</a>)"),
            std::string::npos);
  EXPECT_NE(render_markdown("See www.example.org now").find(R"(href="http://www.example.org")"),
            std::string::npos);
}

TEST(Markdown, StrikethroughAndTasklist) {
  EXPECT_NE(render_markdown("~gone~").find("<del>gone</del>"), std::string::npos);
  const std::string tasks = render_markdown("- [x] done\n- [ ] todo\n");
  EXPECT_NE(tasks.find("checked"), std::string::npos);
  EXPECT_NE(tasks.find("type=\"checkbox\""), std::string::npos);
}

TEST(Markdown, HighestHeadingBecomesH2WhateverTheAuthorStartedWith) {
  const std::string html = render_markdown("### Section\n\n#### Sub\n\n### Next\n");
  EXPECT_NE(html.find("<h2>Section</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h3>Sub</h3>"), std::string::npos) << html;
  EXPECT_NE(html.find("<h2>Next</h2>"), std::string::npos) << html;
  EXPECT_EQ(render_markdown("no headings\n"), "<p>no headings</p>\n");
}

TEST(Markdown, HeadingsAreShiftedDownOneLevel) {
  const std::string html = render_markdown("# One\n\n## Two\n\n##### Five\n\n###### Six\n");
  EXPECT_EQ(html.find("<h1"), std::string::npos);
  EXPECT_NE(html.find("<h2>One</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Two</h3>"), std::string::npos);
  EXPECT_NE(html.find("<h6>Five</h6>"), std::string::npos);
  EXPECT_NE(html.find("<h6>Six</h6>"), std::string::npos);
  EXPECT_NE(render_markdown("Title\n=====\n").find("<h2>Title</h2>"), std::string::npos);
}

TEST(Markdown, InvalidUtf8IsReplaced) {
  const std::string html = render_markdown(
      "a\xff"
      "b");
  EXPECT_NE(html.find("a\xEF\xBF\xBD"
                      "b"),
            std::string::npos);
}

TEST(MarkdownToText, StripsMarkupAndCollapsesWhitespace) {
  EXPECT_EQ(markdown_to_text("# Title\n\nSome *bold*   text\nand [a link](https://x.org).\n\n"
                             "- one\n- two\n\n<b>raw</b>",
                             1000),
            "Title Some bold text and a link. one two raw");
}

TEST(MarkdownToText, DecodesEntitiesToPlainText) {
  // The result is text, not HTML: callers escape it when they write it out.
  EXPECT_EQ(markdown_to_text("Fish &amp; chips &lt;3", 100), "Fish & chips <3");
}

TEST(MarkdownToText, ShortTextIsUnchanged) {
  EXPECT_EQ(markdown_to_text("hello world", 11), "hello world");
}

TEST(MarkdownToText, CutsOnWordBoundaryWithEllipsis) {
  EXPECT_EQ(markdown_to_text("hello world foo", 8), "hello\u2026");
  EXPECT_EQ(markdown_to_text("hello world foo", 14), "hello world\u2026");
  EXPECT_EQ(markdown_to_text("hello world foo", 6), "hello\u2026");
}

TEST(MarkdownToText, CountsCodePointsNotBytes) {
  // "zażółć gęślą jaźń": 17 code points, 26 bytes.
  EXPECT_EQ(markdown_to_text("zażółć gęślą jaźń", 17), "zażółć gęślą jaźń");
  EXPECT_EQ(markdown_to_text("zażółć gęślą jaźń", 16), "zażółć gęślą\u2026");
}

TEST(MarkdownToText, LongSingleWordIsCutHard) {
  EXPECT_EQ(markdown_to_text("abcdefghij", 5), "abcd\u2026");
  EXPECT_EQ(markdown_to_text("abcdefghij", 0), "");
}

TEST(Markdown, ConcurrentRenderingGivesIdenticalOutput) {
  const std::string input =
      "# T\n\n| a | b |\n|---|---|\n| ~x~ | www.example.org |\n\n- [x] done\n";
  const std::string expected = render_markdown(input);
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) mismatches[t] += render_markdown(input) != expected;
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace rynek::view
