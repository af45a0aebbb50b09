import CEPAStore
import DashboardCore
import DashboardUI
import TerminalKit
import TestSupport
import Testing

/// `L` on a paragraph of a resolution adopted after the recommendation's session asks
/// whether the Council endorsed it; yes links and endorses in one step, one undo.
@Suite struct EndorseOnLinkTests {
  func picking(_ id: String) -> DashboardHarness {
    var h = DashboardHarness(store: Fixtures.endorsementStore())
    h.press(.char(":"))
    h.type(id)
    h.press(.enter)
    #expect(h.selectedID == id)
    h.press(.char("L"))
    guard var picker = h.state.mode.as(LinkPicker.self),
      let row = picker.rows.firstIndex(where: { $0.resolution == "2022/5" && $0.paragraph == 3 })
    else {
      Issue.record("no link picker with 2022/5 ¶3")
      return h
    }
    picker.list.selected = row
    h.state.mode = .open(picker)
    h.press(.enter)
    return h
  }

  @Test func yesLinksAndEndorsesAsOfTheAdoptionAndOneUndoTakesBothBack() throws {
    var h = picking("s30-r1")
    guard let offer = h.state.mode.as(EndorseOffer.self) else {
      Issue.record("no offer")
      return
    }
    #expect(offer.adopted == "2022-07-22")
    let text = h.screen.text
    #expect(text.contains("Endorsed by the Council?") && text.contains("set s30-r1 endorsed as of 2022-07-22 too?"), "\(text)")
    h.press(.char("y"))
    h.runEffects()
    let rec = h.catalog.recommendation(h.catalog.find(id: "s30-r1")!)
    #expect(rec.status == .endorsed && rec.ecosoc == [EcosocLink(resolution: "2022/5", paragraph: 3)])
    #expect(rec.history.last { $0.status == "endorsed" }?.effective == "2022-07-22")
    h.press(.char("u"))
    h.runEffects()
    let back = h.catalog.recommendation(h.catalog.find(id: "s30-r1")!)
    #expect(back.status == .proposed && back.ecosoc.isEmpty, "\(String(describing: h.state.message))")
  }

  @Test func noLinksOnlyAndEscChangesNothing() throws {
    var h = picking("s30-r1")
    h.press(.char("n"))
    h.runEffects()
    let rec = h.catalog.recommendation(h.catalog.find(id: "s30-r1")!)
    #expect(rec.status == .proposed && rec.ecosoc.count == 1)
    var other = picking("s30-r1")
    other.press(.escape)
    #expect(other.state.mode.isBrowsing && other.effects.isEmpty && other.state.message?.text == "Links not changed")
  }

  @Test func aRecommendationAlreadyInProgressIsLinkedWithoutTheQuestion() {
    let h = picking("s30-r2")
    #expect(h.state.mode.isBrowsing)
    #expect(h.effects == [.edit(.link(id: "s30-r2", resolution: "2022/5", paragraph: 3), .change)])
  }
}
