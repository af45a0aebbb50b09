/// How a record is cited in a draft or an e-mail: the document it stands in and where
/// ("E/2023/44-E/C.16/2023/9, para. 19"; a paper by its symbol and title; a resolution
/// by its symbol and title). Only what the store records goes in.
public enum Citation {
  public static func of(_ ref: RecordRef, in catalog: Catalog) -> String {
    let s = catalog.session(of: ref)
    let report = s.report ?? "Report of the \(s.ordinal) session (\(s.year))"
    switch ref.kind {
    case .recommendations:
      let r = catalog.recommendation(ref)
      return report + (r.paragraph.map { ", para. \($0)" } ?? "")
    case .observations: return report
    case .papers:
      let p = catalog.paper(ref)
      return [p.symbol ?? p.id, p.title].compactMap { $0 }.joined(separator: ", ")
    case .resolutions:
      let r = catalog.resolution(ref)
      return "ECOSOC resolution " + (r.symbol ?? r.id) + (r.title.map { ", " + $0 } ?? "")
    case .groups: return catalog.group(ref).name + ", \(s.ordinal) session (\(s.year))"
    case .sessions: return "Report of the \(s.ordinal) session (\(s.year))" + (s.report.map { ", " + $0 } ?? "")
    }
  }
}
