import TerminalKit

/// Every mode besides browsing, in the order the help lists them. A new mode adds its
/// line here; its keys then reach the help overlay, `cepa help keys` and the README.
public enum ModeRegistry {
  public static let all: [any DashboardMode.Type] = [
    SearchMode.self,
    JumpMode.self,
    ExportMode.self,
    DraftMode.self,
    ReviewMode.self,
    SaveViewMode.self,
    ViewsMode.self,
    OverviewMode.self,
    RepeatedMode.self,
    LogMode.self,
    StatusPicker.self,
    ThemePicker.self,
    LinkPicker.self,
    EndorseOffer.self,
    ConflictMode.self,
    RecordForm.self,
    Confirmation.self,
    HelpMode.self,
  ]
}

extension ModeKeys {
  /// Every registered mode's keys (browsing's are the command table).
  public static var all: [ModeKeys] { ModeRegistry.all.map { $0.keyTable } }
}
