import AlmanacCore

package extension Aggregates {
    /// `median(x)`: the middle non-null value per group (mean of the two middle values for an even
    /// count); null for a group without values. Rows are bucketed by group once (counting sort into one
    /// shared buffer) and each bucket is partially ordered in place by quickselect: no per-group arrays.
    public static func median(_ x: Column, _ g: Grouping) throws -> Masked<Double> {
        try checkLength(x, g.rowCount)
        let (v, validity) = try measure(x, "median")
        let groups = g.groupCount
        let vw = validWords(validity)
        // Bucket offsets from counts of non-null values.
        var start = [Int](repeating: 0, count: groups + 1)
        var total = 0
        var buffer: [Double] = []
        g.groupIDs.withUnsafeBufferPointer { ids in
            start.withUnsafeMutableBufferPointer { s in
                forEachValid(0..<ids.count, vw) { i in s[Int(ids[i]) + 1] += 1 }
                for k in 0..<groups { s[k + 1] += s[k] }
                total = s[groups]
                var fill = Array(s[0..<groups])
                buffer = [Double](repeating: 0, count: total)
                buffer.withUnsafeMutableBufferPointer { b in
                    v.withUnsafeBufferPointer { val in
                        fill.withUnsafeMutableBufferPointer { f in
                            forEachValid(0..<ids.count, vw) { i in
                                let k = Int(ids[i])
                                b[f[k]] = val[i]
                                f[k] += 1
                            }
                        }
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: groups)
        var valid = zeroWords(groups)
        buffer.withUnsafeMutableBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                valid.withUnsafeMutableBufferPointer { w in
                    for k in 0..<groups {
                        let lo = start[k], hi = start[k + 1]
                        let m = hi - lo
                        if m == 0 { continue }
                        let seg = UnsafeMutableBufferPointer(rebasing: b[lo..<hi])
                        let mid = m / 2
                        quickselect(seg, mid)
                        var value = seg[mid]
                        if m % 2 == 0 {
                            // The lower middle is the largest of the elements left of `mid`.
                            var lower = seg[0]
                            for j in 1..<mid where seg[j] > lower { lower = seg[j] }
                            value = lower / 2 + value / 2
                        }
                        o[k] = value
                        setBit(w, k)
                    }
                }
            }
        }
        let v2 = finishDoubles(&out, valid: &valid)
        return Masked(values: out, validity: v2)
    }
}

/// Reorders `a` in place so that `a[k]` is the value a full sort would put there, smaller or equal
/// values before it and larger or equal after it (Hoare partition, median-of-three pivot).
package func quickselect(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) {
    var lo = 0, hi = a.count - 1
    while hi > lo {
        if hi - lo < 16 {
            // Insertion sort for short ranges.
            for i in (lo + 1)...hi {
                let x = a[i]
                var j = i - 1
                while j >= lo && a[j] > x { a[j + 1] = a[j]; j -= 1 }
                a[j + 1] = x
            }
            return
        }
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { a.swapAt(mid, lo) }
        if a[hi] < a[lo] { a.swapAt(hi, lo) }
        if a[hi] < a[mid] { a.swapAt(hi, mid) }
        let pivot = a[mid]
        var i = lo, j = hi
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
        }
        if k <= j { hi = j } else if k >= i { lo = i } else { return }
    }
}
