"""Every chronic_care statement to the store, one module per entity; reads take the
principal and filter in the query through the entity's visibility hook
(``devices_visible_to``, ``care_plans_visible_to``, ``telemetry_visible_to``,
``alerts_visible_to``, ``geofences_visible_to``; activity state has only trusted readers).
Never commits (the request boundary, the MQTT consumer or the sweep does).

Callers import the package (``from subgraphs.chronic_care import repository as repo``).
"""

from subgraphs.chronic_care.repository.activity import activity_state_for_update, due_activity_states, save_states
from subgraphs.chronic_care.repository.alerts import add_alerts, alerts_by_ids, alerts_visible_to
from subgraphs.chronic_care.repository.care_plans import care_plans_by_ids, care_plans_by_pet_ids, care_plans_visible_to
from subgraphs.chronic_care.repository.devices import (
                                                        device_for_ingest,
                                                        devices_by_ids,
                                                        devices_by_pet_ids,
                                                        devices_managed_by,
                                                        devices_visible_to,
                                                        managed_device_of_pet,
                                                        visible_devices_of_pet,
)
from subgraphs.chronic_care.repository.geofences import (
                                                        geofence_for_update,
                                                        geofences_by_pet_ids,
                                                        geofences_visible_to,
                                                        home_longitude,
                                                        set_geofence_outside,
                                                        upsert_geofence,
)
from subgraphs.chronic_care.repository.telemetry import record_sample, telemetry_visible_to, wearable_stats_by_pet_ids

__all__ = [
    "activity_state_for_update", "add_alerts", "alerts_by_ids", "alerts_visible_to",
    "care_plans_by_ids", "care_plans_by_pet_ids", "care_plans_visible_to",
    "device_for_ingest", "devices_by_ids", "devices_by_pet_ids", "devices_managed_by",
    "devices_visible_to", "due_activity_states", "geofence_for_update",
    "geofences_by_pet_ids", "geofences_visible_to", "home_longitude",
    "managed_device_of_pet", "record_sample", "save_states", "set_geofence_outside",
    "telemetry_visible_to", "upsert_geofence", "visible_devices_of_pet",
    "wearable_stats_by_pet_ids",
]
