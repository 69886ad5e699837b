"""Reference lists the demo generator draws from (realistic species, breeds, clinics...)."""

BREEDS = {
    "DOG": ["Labrador Retriever", "German Shepherd", "Golden Retriever", "French Bulldog",
            "Beagle", "Poodle", "Dachshund", "Border Collie", "Boxer", "Shiba Inu",
            "Cavalier King Charles Spaniel", "Mixed breed"],
    "CAT": ["Domestic Shorthair", "Maine Coon", "Siamese", "British Shorthair", "Persian",
            "Ragdoll", "Bengal", "Sphynx", "Mixed breed"],
    "RABBIT": ["Holland Lop", "Netherland Dwarf", "Lionhead"],
    "BIRD": ["Budgerigar", "Cockatiel", "African Grey Parrot"],
    "REPTILE": ["Leopard Gecko", "Bearded Dragon"],
}
SPECIES_WEIGHTS = {"DOG": 50, "CAT": 38, "RABBIT": 6, "BIRD": 4, "REPTILE": 2}
ADULT_WEIGHT_KG = {"DOG": (5.0, 40.0), "CAT": (3.0, 7.5), "RABBIT": (1.0, 3.0),
                   "BIRD": (0.03, 0.5), "REPTILE": (0.05, 0.6)}
PET_NAMES = ["Bella", "Max", "Luna", "Charlie", "Milo", "Daisy", "Rocky", "Coco", "Oscar",
             "Lola", "Teddy", "Nala", "Simba", "Ruby", "Leo", "Molly", "Buddy", "Zoe", "Toby",
             "Chloe", "Jack", "Lily", "Oliver", "Rosie", "Bailey", "Pepper", "Ginger", "Loki",
             "Maple", "Biscuit", "Hazel", "Finn", "Willow", "Ziggy", "Poppy", "Shadow"]
FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Elena", "Felix", "Grace", "Hugo", "Ines",
               "Jonas", "Kira", "Lars", "Mia", "Noah", "Olga", "Paul", "Rosa", "Sam", "Tara",
               "Umar", "Vera", "Will", "Yara", "Zoe"]
LAST_NAMES = ["Novak", "Meyer", "Garcia", "Rossi", "Kowalski", "Jensen", "Dubois", "Silva",
              "Nguyen", "Okafor", "Tanaka", "Berg", "Murphy", "Schmidt", "Costa", "Ivanova"]
CITIES = [("Berlin", 52.52, 13.405), ("Hamburg", 53.551, 9.993), ("Munich", 48.137, 11.575),
          ("Cologne", 50.937, 6.96), ("Leipzig", 51.34, 12.375)]
SPECIALITIES = ["general practice", "surgery", "dermatology", "cardiology", "oncology",
                "dentistry", "exotics", "orthopaedics", "internal medicine", "behaviour"]
VACCINES = {"DOG": ["Rabies", "DHPP", "Leptospirosis", "Bordetella"],
            "CAT": ["Rabies", "FVRCP", "FeLV"], "RABBIT": ["RHDV2", "Myxomatosis"],
            "BIRD": [], "REPTILE": []}
ALLERGENS = ["chicken", "beef", "wheat", "soy", "dairy", "fish", "pollen", "flea saliva",
             "penicillin", "dust mites"]
CONDITIONS = ["diabetes mellitus", "chronic kidney disease", "osteoarthritis", "hypothyroidism",
              "atopic dermatitis", "epilepsy", "heart murmur"]
VISIT_REASONS = ["annual check-up", "vaccination", "limping", "skin rash", "dental cleaning",
                 "vomiting", "follow-up", "weight check", "ear infection", "blood work"]
PRODUCTS = [
    ("Adult Dry Food Salmon 12kg", "FOOD", 5499, False), ("Grain-Free Lamb 10kg", "FOOD", 6299, False),
    ("Senior Cat Food Chicken 4kg", "FOOD", 2899, False), ("Hypoallergenic Diet 8kg", "FOOD", 7499, True),
    ("Renal Support Diet 4kg", "FOOD", 4599, True), ("Puppy Starter Beef 3kg", "FOOD", 1999, False),
    ("Insect Protein Kibble 5kg", "FOOD", 3999, False), ("Carprofen 50mg x60", "MEDICINE", 3450, True),
    ("Insulin Caninsulin 10ml", "MEDICINE", 8900, True), ("Flea & Tick Spot-on x3", "MEDICINE", 2750, False),
    ("Dewormer Tablets x4", "MEDICINE", 1290, False), ("Levothyroxine 0.2mg x100", "MEDICINE", 2190, True),
    ("Joint Supplement 120 chews", "MEDICINE", 3190, False), ("PawTrack Collar S", "DEVICE", 12900, False),
    ("PawTrack Collar M", "DEVICE", 12900, False), ("PawTrack Collar L", "DEVICE", 13900, False),
    ("Smart Feeder", "DEVICE", 15900, False), ("Water Fountain", "DEVICE", 4900, False),
    ("Dental Chews x30", "FOOD", 1499, False), ("Probiotic Powder", "MEDICINE", 2290, False),
]
# Food products: (species made for, common allergens contained), by product name.
FOOD_FACTS = {
    "Adult Dry Food Salmon 12kg": (("DOG",), ("fish", "wheat")),
    "Grain-Free Lamb 10kg": (("DOG",), ()),
    "Senior Cat Food Chicken 4kg": (("CAT",), ("chicken", "wheat", "dairy")),
    "Hypoallergenic Diet 8kg": (("DOG", "CAT"), ()),
    "Renal Support Diet 4kg": (("DOG", "CAT"), ("fish",)),
    "Puppy Starter Beef 3kg": (("DOG",), ("beef", "wheat", "dairy")),
    "Insect Protein Kibble 5kg": (("DOG", "CAT"), ()),
    "Dental Chews x30": (("DOG",), ("chicken", "soy")),
}
TRAINING = [("OBEDIENCE", "Basic obedience"), ("AGILITY", "Agility foundations"),
            ("WEIGHT_LOSS", "Weight-loss walking plan"), ("REHAB", "Post-surgery rehab"),
            ("OBEDIENCE", "Loose-leash walking")]
INSURERS = [("PetSure", "Essential"), ("PetSure", "Complete"), ("Animalia", "Accident & Illness"),
            ("Animalia", "Lifetime"), ("Figo", "Accident only")]
