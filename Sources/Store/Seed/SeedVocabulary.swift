/// Word lists the generator draws from. Plain data; the realism is in how
/// FanPlanner combines them.
enum SeedVocabulary {
    static let firstNames = [
        "Alex", "Sam", "Jordan", "Taylor", "Chris", "Mike", "Dave", "Ryan", "Kevin", "Jason", "Matt", "Tom",
        "Luis", "Carlos", "Ahmed", "Raj", "Kenji", "Hiro", "Liam", "Noah", "Ethan", "Lucas", "Mason", "Logan",
        "Emma", "Olivia", "Mia", "Sofia", "Zoe", "Priya", "Aisha", "Yuki", "Chloe", "Nina", "Marco", "Pierre",
        "Jonas", "Lars", "Sven", "Ivan", "Dmitri", "Omar", "Tariq", "Ben", "Greg", "Paul", "Steve", "Tony",
        "José", "Zoë", "Björn", "Chloé", "Renée", "Søren", "Łukasz", "Иван", "陈", "Ngozi",
    ]
    static let handleWords = [
        "night", "wolf", "blue", "lucky", "silent", "happy", "dark", "sunny", "big", "lazy", "king", "fan",
        "rider", "gamer", "chef", "coder", "sailor", "tiger", "panda", "ghost", "pixel", "neon", "velvet", "storm",
    ]
    static let timezones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
        "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Warsaw",
        "Asia/Tokyo", "Asia/Kolkata", "Asia/Dubai", "Australia/Sydney", "Africa/Lagos",
    ]
    static let tiers = ["standard", "standard", "standard", "vip", "bundle_3m"]

    static let inboundMessages = [
        "Hey! Loved your last post 😍", "When is the next drop?", "You look amazing today",
        "Can I request something custom?", "Thanks for the reply!", "Good morning ☀️", "Miss your streams",
        "That set was 🔥🔥", "Do you do bundles?", "I'm renewing, don't worry", "How was your weekend?",
        "Honestly a bit disappointed with the last PPV", "Why was I charged twice?", "Not sure I'll renew tbh",
        "Happy Friday!", "What camera do you use?", "You made my day", "Any discounts this month?",
        "Can't wait for the next one", "Sent you a tip, enjoy a coffee on me", "Are you going to the convention?",
    ]
    static let outboundMessages = [
        "Thank you so much, that means a lot 💕", "New set drops tonight, keep an eye out!",
        "Haha you're sweet, thanks babe", "Check your DMs, I sent you something special",
        "Sorry about that, I'll look into it right away", "Have a great weekend!",
        "Yes! Custom requests are open, tell me what you have in mind", "Good morning to you too ☀️",
    ]
    static let positiveInboundShare = 0.8

    static let preferences = [
        ("favorite_content", "cosplay"), ("favorite_content", "behind the scenes"), ("favorite_content", "gym sets"),
        ("favorite_content", "lingerie"), ("favorite_content", "travel vlogs"), ("preferred_time", "late evenings"),
        ("favorite_color", "red"), ("favorite_color", "black"), ("likes", "voice notes"),
    ]
    static let personalDetails = [
        ("pet", "a corgi named Biscuit"), ("pet", "two cats"), ("job", "nurse"), ("job", "software engineer"),
        ("job", "truck driver"), ("city", "Austin"), ("city", "Manchester"), ("city", "Toronto"),
        ("hobby", "fishing"), ("hobby", "gaming"), ("hobby", "guitar"),
    ]
    static let conversationFacts = [
        ("mentioned", "starting a new job next month"), ("mentioned", "going through a breakup"),
        ("mentioned", "saving for a trip to Japan"), ("mentioned", "just got a puppy"),
        ("mentioned", "prefers short messages"), ("mentioned", "watches every stream on Sundays"),
    ]
    static let notes = [
        "Always tips on Fridays", "Prefers to be called by nickname", "Asked about merch", "Sensitive about prices",
        "Long-time supporter since the early days", "Likes behind-the-scenes content", "Do not offer discounts",
    ]
    static let customRequestDescriptions = [
        "Personalised birthday video", "Custom photo set in a red outfit", "Shout-out video for a friend",
        "Voice note reading a short story", "Cosplay set of a favourite character", "Signed polaroid",
    ]
    static let extraTags = ["night_owl", "lurker", "collector", "early_supporter", "cosplay_fan", "vip"]
}
