extension Workspace {
    /// Where studies and appraisals sit, built once for a batch so each change in it is found without a search.
    ///
    /// Imports are long batches of studies added at the end, study updates and appraisals set; their undo
    /// removes the same items from the end in reverse order, and redo adds them back. With a linear search per
    /// change (and a scan of every quote per removed study) a 100k-row import, its undo and its redo took minutes.
    private struct BatchIndex {
        struct AppraisalKey: Hashable {
            var study: String
            var reviewer: String
        }

        var studies: [String: Int] = [:]
        var appraisals: [AppraisalKey: Int] = [:]
        /// How many appraisals each study has.
        var appraisalCounts: [String: Int] = [:]
        /// How many quotes cite each study position.
        var citations: [Int32: Int] = [:]

        init(_ workspace: Workspace) {
            studies.reserveCapacity(workspace.studies.count)
            for (index, study) in workspace.studies.enumerated() where studies[study.id] == nil { studies[study.id] = index }
            appraisals.reserveCapacity(workspace.appraisals.count)
            for (index, appraisal) in workspace.appraisals.enumerated() {
                let key = AppraisalKey(study: appraisal.studyID, reviewer: appraisal.reviewer)
                if appraisals[key] == nil { appraisals[key] = index }
                appraisalCounts[appraisal.studyID, default: 0] += 1
            }
            for study in workspace.quotes.studies where study >= 0 { citations[study, default: 0] += 1 }
        }
    }

    /// Applies `changes` in order, returning the batch that undoes them all; on an error the caller's copy is dropped.
    ///
    /// Changes at the ends of the lists (what imports, their undo and their redo are made of) use the index;
    /// any other change goes through `apply(_:)` as usual and the index is rebuilt before it is needed again,
    /// so the result and the inverse are exactly those of applying the changes one by one.
    mutating func applyBatch(_ changes: [WorkspaceChange]) throws(ReviewError) -> WorkspaceChange {
        var index: BatchIndex?
        let inverse = try applyBatch(changes, index: &index, top: true)
        return inverse
    }

    private mutating func applyBatch(_ changes: [WorkspaceChange], index: inout BatchIndex?, top: Bool) throws(ReviewError) -> WorkspaceChange {
        var inverses: [WorkspaceChange] = []
        inverses.reserveCapacity(changes.count)
        for (number, change) in changes.enumerated() {
            do throws(ReviewError) {
                if case .batch(let inner) = change {
                    inverses.append(try applyBatch(inner, index: &index, top: false))
                } else if let inverse = try applyIndexed(change, index: &index) {
                    inverses.append(inverse)
                } else {
                    inverses.append(try apply(change))
                    index = nil  // positions may have moved: rebuilt when next needed
                }
            } catch {
                var error = error
                if top && changes.count > 1 { error.notes.insert("in change \(number + 1) of \(changes.count); nothing was applied", at: 0) }
                throw error
            }
        }
        return .batch(inverses.reversed())
    }

    /// Applies a change at the end of a list through the index, returning its inverse; nil (nothing done) for
    /// any other change, which the caller applies the usual way.
    private mutating func applyIndexed(_ change: WorkspaceChange, index cached: inout BatchIndex?) throws(ReviewError) -> WorkspaceChange? {
        switch change {
        case .addStudy(_, let position) where position == nil || position == studies.count: break
        case .updateStudy, .setAppraisal, .removeStudy, .removeAppraisal: break
        case .addAppraisal(_, let position) where position == nil || position == appraisals.count: break
        default: return nil
        }
        // Moved out of `cached` (not copied), so its dictionaries stay uniquely held and are changed in place.
        var index = cached.take() ?? BatchIndex(self)
        defer { cached = index }
        switch change {
        case .addStudy(let study, _):
            try Self.check(study)
            guard index.studies[study.id] == nil else { throw Self.duplicate("study id '\(study.id)'") }
            index.studies[study.id] = studies.count
            studies.append(study)
            return .removeStudy(id: study.id)

        case .updateStudy(let study):
            try Self.check(study)
            guard let position = index.studies[study.id] else { throw unknownStudy(study.id) }
            let old = studies[position]
            studies[position] = study
            return .updateStudy(old)

        case .removeStudy(let id):
            // The last study, cited by no quote and with no appraisals: nothing else moves.
            guard let position = index.studies[id], position == studies.count - 1,
                  index.citations[Int32(position), default: 0] == 0, index.appraisalCounts[id, default: 0] == 0 else { return nil }
            index.studies[id] = nil
            return .batch([.addStudy(studies.removeLast(), at: position)])

        case .setAppraisal(let appraisal):
            guard index.studies[appraisal.studyID] != nil else { throw unknownStudy(appraisal.studyID) }
            try Self.check(appraisal)
            let key = BatchIndex.AppraisalKey(study: appraisal.studyID, reviewer: appraisal.reviewer)
            if let position = index.appraisals[key] {
                let old = appraisals[position]
                appraisals[position] = appraisal
                return .setAppraisal(old)
            }
            index.appraisals[key] = appraisals.count
            index.appraisalCounts[appraisal.studyID, default: 0] += 1
            appraisals.append(appraisal)
            return .removeAppraisal(studyID: appraisal.studyID, reviewer: appraisal.reviewer)

        case .addAppraisal(let appraisal, _):
            guard index.studies[appraisal.studyID] != nil else { throw unknownStudy(appraisal.studyID) }
            try Self.check(appraisal)
            let key = BatchIndex.AppraisalKey(study: appraisal.studyID, reviewer: appraisal.reviewer)
            guard index.appraisals[key] == nil else {
                throw Self.duplicate("the appraisal of study \(appraisal.studyID)\(appraisal.reviewer.isEmpty ? "" : " by '\(appraisal.reviewer)'")")
            }
            index.appraisals[key] = appraisals.count
            index.appraisalCounts[appraisal.studyID, default: 0] += 1
            appraisals.append(appraisal)
            return .removeAppraisal(studyID: appraisal.studyID, reviewer: appraisal.reviewer)

        case .removeAppraisal(let studyID, let reviewer):
            // The last appraisal: nothing else moves.
            let key = BatchIndex.AppraisalKey(study: studyID, reviewer: reviewer)
            guard let position = index.appraisals[key], position == appraisals.count - 1 else { return nil }
            index.appraisals[key] = nil
            index.appraisalCounts[studyID, default: 1] -= 1
            return .addAppraisal(appraisals.removeLast(), at: position)

        default:
            return nil
        }
    }
}
