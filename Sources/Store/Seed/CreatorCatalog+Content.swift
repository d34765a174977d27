/// Publishing and media rows of a seeded creator.
extension CreatorCatalog {
    static let captions = [
        "Monday vibes ☕", "New set is live 🔥", "Behind the scenes of today's shoot", "Q&A time, ask me anything",
        "Weekend plans?", "Throwback to my favourite shoot", "Something special in your DMs tonight", "Gym day 💪",
    ]

    mutating func writeMedia() throws {
        var presetIDs: [Int64] = []
        for (name, resolution, clip) in [("Story clip", "1080x1920", 15), ("Feed post", "1080x1350", 0), ("PPV full", "3840x2160", 0)] {
            presetIDs.append(try insert("media_presets", [
                "name": .text(name), "watermark_style": "corner_handle", "output_resolution": .text(resolution),
                "clip_duration_seconds": clip > 0 ? .int(clip) : .null, "strip_metadata_json": #"["gps","device","timestamps"]"#,
                "created_at": .integer(daysAgo(190)),
            ]))
        }
        for index in 0..<60 {
            let kind = ["image", "image", "image", "video", "audio"][index % 5]
            let created = daysAgo(Int64(random.int(0...179)))
            let isVideo = kind == "video", isAudio = kind == "audio"
            let asset = try insert("media_assets", [
                "kind": .text(kind), "source": .text(index % 9 == 0 ? "download" : "upload"),
                "storage_key": .text("media/\(kind)/\(String(random.next(), radix: 16)).bin"),
                "mime_type": .text(isVideo ? "video/mp4" : isAudio ? "audio/mpeg" : "image/jpeg"),
                "byte_size": .int(random.int(200_000...(isVideo ? 400_000_000 : 8_000_000))),
                "width": isAudio ? .null : 1080, "height": isAudio ? .null : 1350,
                "duration_seconds": isVideo || isAudio ? .real(Double(random.int(8...600))) : .null,
                "sha256": .text(String(repeating: String(random.next(), radix: 16), count: 2)),
                "transcription_text": isVideo || isAudio ? "Hey everyone, thanks for being here, this one is for you." : .null,
                "ai_description": .text("A \(kind) from a photo shoot in warm natural light"), "created_at": .integer(created),
            ])
            assetIDs.append(asset)
            let status = ["completed", "completed", "completed", "failed", "active", "queued", "stalled"][random.int(0...6)]
            try insert("media_jobs", [
                "asset_id": .integer(asset), "preset_id": .integer(random.pick(presetIDs)),
                "job_type": .text(isVideo ? "transcode" : isAudio ? "transcribe" : "watermark"),
                "queue_job_id": .text("bull:media:\(index + 1)"), "status": .text(status),
                "attempts": .int(status == "failed" ? 3 : 1), "last_error": status == "failed" ? "ffmpeg exited with code 1" : .null,
                "enqueued_at": .integer(created + 5), "started_at": status == "queued" ? .null : .integer(created + 10),
                "finished_at": ["completed", "failed"].contains(status) ? .integer(created + 90) : .null,
            ])
        }
        for (index, (name, kind)) in [("Summer bundle", "ppv_bundle"), ("Cosplay drop", "themed_drop"), ("VIP vault", "exclusive_pack"),
                                      ("Halloween set", "themed_drop"), ("Starter pack", "ppv_bundle")].enumerated() {
            let collection = try insert("media_collections", [
                "name": .text(name), "description": .text("\(name): hand-picked sets"), "kind": .text(kind),
                "price_cents": .integer([1999, 2499, 4999, 1499, 999][index]), "access_tier": .text(kind == "exclusive_pack" ? "vip" : "standard"),
                "status": .text(index == 4 ? "draft" : "live"), "created_at": .integer(daysAgo(Int64(170 - index * 30))),
            ])
            for asset in assetIDs[(index * 8)..<(index * 8 + 6)] {
                try insert("media_asset_usages", ["asset_id": .integer(asset), "target_type": "collection",
                                                  "target_id": .integer(collection), "used_at": .integer(daysAgo(Int64(160 - index * 30)))])
            }
        }
    }

    mutating func writePublishing() throws {
        var seriesIDs: [Int64] = []
        for (name, cadence) in [("Monday Motivation", "weekly"), ("Weekly Check-In", "weekly"), ("Behind the Scenes", "biweekly")] {
            seriesIDs.append(try insert("content_series", [
                "name": .text(name), "description": .text("\(name), an ongoing editorial track"), "cadence": .text(cadence),
                "status": "active", "created_at": .integer(daysAgo(185)),
            ]))
        }
        for index in 0..<40 {
            let created = daysAgo(Int64(178 - index * 4))
            let status = index >= 37 ? "draft" : index >= 34 ? "scheduled" : index == 20 ? "failed" : "published"
            let published = status == "published" ? created + Seconds.day : nil
            let platforms = [connectedPlatforms[index % 3], connectedPlatforms[3 + index % 3]]
            let post = try insert("content_posts", [
                "series_id": index % 4 == 0 ? .integer(seriesIDs[index % 3]) : .null,
                "campaign_id": index % 5 == 1 ? .integer(campaignIDs[index % campaignIDs.count]) : .null,
                "caption": .text(Self.captions[index % Self.captions.count]), "hashtags_json": ##"["#newpost","#exclusive"]"##,
                "cta_links_json": #"[{"label":"Subscribe","url":"https://example.com/luna"}]"#,
                "audience_json": .text(index % 6 == 0 ? #"{"tier":"vip"}"# : #"{"tier":"all"}"#),
                "platform_targets_json": .text("[\"\(platforms[0])\",\"\(platforms[1])\"]"),
                "ab_variant_of_id": index % 10 == 9 ? .integer(postIDs[index - 1]) : .null,
                "status": .text(status), "published_at": .optional(published), "created_at": .integer(created),
                "updated_at": .integer(published ?? created),
            ])
            postIDs.append(post)
            try insert("media_asset_usages", ["asset_id": .integer(assetIDs[index + 20]), "target_type": "post",
                                              "target_id": .integer(post), "used_at": .integer(created)])
            if status != "draft" {
                let publishAt = status == "scheduled" ? now + Int64(index - 33) * Seconds.day : created + Seconds.day
                try insert("scheduled_posts", [
                    "post_id": .integer(post), "platform": .text(platforms[0]), "publish_at": .integer(publishAt),
                    "status": .text(status == "scheduled" ? "pending" : status == "failed" ? "failed" : "published"),
                    "queue_job_id": status == "scheduled" ? .null : .text("bull:publish_post:\(index + 1)"),
                    "attempts": status == "failed" ? 3 : status == "scheduled" ? 0 : 1,
                    "last_error": status == "failed" ? "platform rejected the caption (429)" : .null,
                    "published_at": .optional(published), "created_at": .integer(created),
                ])
            }
            if let published {
                for hours in [Int64(6), 48, 168] where published + hours * Seconds.hour <= now {
                    let views = Int64(random.int(800...20_000)) * hours / 168 + 100
                    try insert("post_performance_snapshots", [
                        "post_id": .integer(post), "platform": .text(platforms[0]), "views": .integer(views),
                        "likes": .integer(views / 12), "comments": .integer(views / 150), "shares": .integer(views / 400),
                        "ppv_revenue_cents": .integer(index % 3 == 0 ? views * 3 : 0),
                        "captured_at": .integer(published + hours * Seconds.hour),
                    ])
                }
            }
        }
        for index in 0..<12 {
            let promoted = index < 4
            try insert("content_ideas", [
                "title": .text(["Outfit poll", "Day in my life", "Fan Q&A video", "Cosplay reveal", "Gym routine",
                                "Travel diary", "Cooking stream", "Room tour", "Story time", "Collab tease", "Bloopers", "Rate my fits"][index]),
                "body": "An idea to try next month", "source": .text(index % 2 == 0 ? "ai" : "creator"),
                "ai_score": index % 2 == 0 ? .real(Double(random.int(40...95)) / 100) : .null,
                "taxonomy_tags_json": #"["lifestyle","engagement"]"#, "status": .text(promoted ? "promoted" : index == 11 ? "dismissed" : "new"),
                "promoted_post_id": promoted ? .integer(postIDs[36 + index]) : .null, "created_at": .integer(daysAgo(Int64(60 - index * 4))),
            ])
        }
    }
}
