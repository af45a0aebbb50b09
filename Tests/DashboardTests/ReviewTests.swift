import CEPAStore
import DashboardCore
import DashboardUI
import Foundation
import TerminalKit
import TestSupport
import Testing

/// `r`: a recommendation beside the paragraph that takes it up, the words kept, added
/// and dropped marked, in colour or, without it, in the text.
@Suite struct ReviewTests {
  /// The fixture's s30-r2, linked to 2021/1 ¶4.
  func reviewing(width: Int, height: Int, colorless: Bool = false) -> DashboardHarness {
    var h = DashboardHarness(width: width, height: height)
    h.state.colorless = colorless
    h.press(.char("l"), .char("j"))
    #expect(h.selectedID == "s30-r2")
    h.press(.char("r"))
    return h
  }

  @Test func rOpensTheReviewAndEscReturns() {
    var h = reviewing(width: 120, height: 40)
    guard let review = h.state.mode.as(ReviewMode.self) else {
      Issue.record("no review")
      return
    }
    #expect(review.pairs.count == 1 && review.pairs[0].link == EcosocLink(resolution: "2021/1", paragraph: 4))
    let text = h.screen.text
    #expect(text.contains("s30-r2 beside ECOSOC resolution 2021/1, para. 4 · kept"))
    #expect(text.contains("Encourages oversight of artificial intelligence."))
    h.press(.escape)
    #expect(h.state.mode.isBrowsing && h.selectedID == "s30-r2")
  }

  @Test func aRecommendationWithNoLinkSaysSoAndOffersL() {
    var h = DashboardHarness()
    h.press(.char("l"), .char("r"))
    #expect(h.state.mode.isBrowsing)
    #expect(h.state.message?.text == "Not linked to a resolution paragraph: L links one")
  }

  @Test func withoutColourTheMarksAreInTheText() {
    let h = reviewing(width: 120, height: 40, colorless: true)
    let text = h.screen.text
    #expect(text.contains("{+Encourages+}") || text.contains("{+"), "\(text)")
    #expect(text.contains("[-"), "what the paragraph dropped is marked in the text")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func reviewScreens(width: Int, height: Int) {
    let h = reviewing(width: width, height: height)
    assertSnapshot(h.screen, named: "review-mode-\(width)x\(height)")
    let plain = reviewing(width: width, height: height, colorless: true)
    assertSnapshot(plain.screen, named: "review-mode-colorless-\(width)x\(height)")
  }

  /// The detail pane of a recommendation ends with the records of other sessions most
  /// like it, found off the input loop; Enter on one opens it.
  @Test func theDetailListsRelatedRecordsAndEnterOpensOne() {
    var h = DashboardHarness(store: .copyOfEmbedded(), indexesRelated: true)
    h.press(.char(":"))
    h.type("s22-r19")
    h.press(.enter)
    _ = h.driver.settle()
    #expect(h.selectedID == "s22-r19")
    let lines = h.state.detail.lines.map(\.text)
    guard let heading = lines.firstIndex(of: "Related, in other sessions") else {
      Issue.record("no related section: \(lines)")
      return
    }
    #expect(lines[heading + 1].contains("Resolution 2022/9, paragraph 14"), "\(lines[heading...])")
    h.press(.char("l"))
    h.state.detail.cursor = heading + 1
    h.press(.enter)
    #expect(h.state.filter.kind == .resolutions && h.selectedID == "2022/9")
  }

  @Test func theResolutionsListSaysHowManyRecommendationsEachTakesUp() {
    var h = DashboardHarness()
    // The navigator's "All resolutions", the seventh view.
    for _ in 0..<6 { h.press(.char("j")) }
    h.press(.enter)
    #expect(h.state.filter.kind == .resolutions)
    #expect(h.screen.text.contains("takes up 1"), "\(h.screen.text)")
  }
}
