import Foundation

/// What a query is evaluated against: the workspace and the settings that give derived fields their meaning.
///
/// Making a context is cheap (the shell makes one per command): the per-study figures are worked out on
/// first use and then kept, so a filter on coded fields never pays for counting a million quotes by study.
public struct QueryContext: Sendable {
    /// The workspace.
    public let workspace: Workspace
    /// The quality bands in use (for `band`).
    public let bands: QualityBands
    private let cache = Cache()

    /// Prepares a context.
    public init(workspace: Workspace, bands: QualityBands = .seed) {
        self.workspace = workspace
        self.bands = bands
    }

    /// Each study's CASP total in half points (its first appraisal), or nil when not appraised or when
    /// the appraisal is incomplete (an incomplete appraisal has no total).
    public var studyTotals: [Int?] {
        cache.value(\.studyTotals) {
            let appraisals = workspace.appraisals
            return firstAppraisals.map { $0.flatMap { appraisals[$0].completeTotalHalfPoints } }
        }
    }

    /// For each study, the index in `workspace.appraisals` of its first appraisal, or nil.
    var firstAppraisals: [Int?] {
        cache.value(\.firstAppraisals) {
            var first: [String: Int] = [:]
            first.reserveCapacity(workspace.appraisals.count)
            for (index, appraisal) in workspace.appraisals.enumerated() where first[appraisal.studyID] == nil {
                first[appraisal.studyID] = index
            }
            return workspace.studies.map { first[$0.id] }
        }
    }

    /// A study's first appraisal (what `Workspace.appraisal(of:)` returns), found without a search.
    public func appraisal(ofStudy index: Int) -> Appraisal? {
        firstAppraisals[index].map { workspace.appraisals[$0] }
    }

    /// Each study's number of coded quotes.
    public var studyQuoteCounts: [Int] {
        cache.value(\.studyQuoteCounts) {
            var counts = [Int](repeating: 0, count: workspace.studies.count)
            counts.withUnsafeMutableBufferPointer { counts in
                workspace.quotes.studies.withUnsafeBufferPointer { studies in
                    for study in studies where study >= 0 { counts[Int(study)] &+= 1 }
                }
            }
            return counts
        }
    }

    /// A study's band name under the cut-offs in use: the band, "none", or several joined by "+".
    /// Nil when the study is not appraised; "incomplete" when its appraisal leaves a question unanswered.
    public func bandName(ofStudy index: Int) -> String? {
        appraisal(ofStudy: index).map { bands.bandName(of: $0) }
    }

    /// Figures computed on first use; shared by copies of the context, guarded by a lock.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        var studyTotals: [Int?]?
        var firstAppraisals: [Int?]?
        var studyQuoteCounts: [Int]?

        /// The slot's value, made outside the lock on first use (`make` may read other slots; two
        /// threads racing on first use both compute the same value, and the first one stored is kept).
        func value<T>(_ slot: ReferenceWritableKeyPath<Cache, T?>, _ make: () -> T) -> T {
            lock.lock()
            let existing = self[keyPath: slot]
            lock.unlock()
            if let existing { return existing }
            let made = make()
            lock.lock()
            defer { lock.unlock() }
            if let stored = self[keyPath: slot] { return stored }
            self[keyPath: slot] = made
            return made
        }
    }
}
