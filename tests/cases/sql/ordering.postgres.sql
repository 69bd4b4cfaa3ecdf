(
  CASE
    WHEN (
      JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
      AND NOT (
        COALESCE(
          JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count')) = 'array',
          FALSE
        )
      )
    )
    THEN (
      (
        (
          NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') IS NULL
          AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count')) <> 'null'
        )
        AND NOT (
          JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count')) = 'array'
        )
      )
      AND (
        (
          JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count')) = 'number'
          AND CASE
            WHEN JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
            THEN CAST(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' AS DECIMAL)
          END >= 10
        )
        OR (
          (
            JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count')) = 'string'
            AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' ~ '^(?:-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)$'
          )
          AND COALESCE(
            CASE
              WHEN JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
              THEN CAST(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' AS DECIMAL)
            END BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND CASE
              WHEN JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
              THEN CAST(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'count') #>> '{}' AS DECIMAL)
            END >= 10,
            FALSE
          )
        )
      )
    )
    ELSE CARDINALITY(
      ARRAY(SELECT
        x13
      FROM UNNEST(ARRAY(SELECT
        x12
      FROM UNNEST(ARRAY(SELECT
        x11_item
      FROM UNNEST(ARRAY(SELECT
        x10_item
      FROM UNNEST(ARRAY(SELECT
        x9_item
      FROM UNNEST(ARRAY(SELECT
        x8_item
      FROM UNNEST(ARRAY(SELECT
        x7
      FROM UNNEST(ARRAY(SELECT
        JSONB_EXTRACT_PATH(x6, 'count')
      FROM UNNEST(ARRAY(SELECT
        x5
      FROM UNNEST(ARRAY(SELECT
        x4_item
      FROM UNNEST(ARRAY(SELECT
        x3_item
      FROM UNNEST(ARRAY(SELECT
        x2_item
      FROM UNNEST(ARRAY(SELECT
        x1_item
      FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x1(x1)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x1) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x1))
        ELSE ARRAY[x1]
      END) AS t_x1_item(x1_item))) AS t_x2(x2)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x2) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x2))
        ELSE ARRAY[x2]
      END) AS t_x2_item(x2_item))) AS t_x3(x3)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x3) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x3))
        ELSE ARRAY[x3]
      END) AS t_x3_item(x3_item))) AS t_x4(x4)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x4) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x4))
        ELSE ARRAY[x4]
      END) AS t_x4_item(x4_item))) AS t_x5(x5)
      WHERE
        JSONB_TYPEOF(x5) = 'object')) AS t_x6(x6))) AS t_x7(x7)
      WHERE
        NOT x7 IS NULL AND JSONB_TYPEOF(x7) <> 'null')) AS t_x8(x8)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x8) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x8))
        ELSE ARRAY[x8]
      END) AS t_x8_item(x8_item))) AS t_x9(x9)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x9) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x9))
        ELSE ARRAY[x9]
      END) AS t_x9_item(x9_item))) AS t_x10(x10)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x10) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x10))
        ELSE ARRAY[x10]
      END) AS t_x10_item(x10_item))) AS t_x11(x11)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x11) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x11))
        ELSE ARRAY[x11]
      END) AS t_x11_item(x11_item))) AS t_x12(x12)
      WHERE
        NOT x12 IS NULL AND JSONB_TYPEOF(x12) <> 'null')) AS t_x13(x13)
      WHERE
        (
          JSONB_TYPEOF(x13) = 'number'
          AND CASE
            WHEN x13 #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
            THEN CAST(x13 #>> '{}' AS DECIMAL)
          END >= 10
        )
        OR (
          (
            JSONB_TYPEOF(x13) = 'string'
            AND x13 #>> '{}' ~ '^(?:-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)$'
          )
          AND COALESCE(
            CASE
              WHEN x13 #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
              THEN CAST(x13 #>> '{}' AS DECIMAL)
            END BETWEEN -1.7976931348623157E+308 AND 1.7976931348623157e+308
            AND CASE
              WHEN x13 #>> '{}' ~ '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'
              THEN CAST(x13 #>> '{}' AS DECIMAL)
            END >= 10,
            FALSE
          )
        ))
    ) > 0
  END
  AND CASE
    WHEN (
      JSONB_TYPEOF(CAST("record" AS JSONB)) = 'object'
      AND NOT (
        COALESCE(
          JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime')) = 'array',
          FALSE
        )
      )
    )
    THEN (
      (
        (
          NOT JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime') IS NULL
          AND JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime')) <> 'null'
        )
        AND NOT (
          JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime')) = 'array'
        )
      )
      AND (
        JSONB_TYPEOF(JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime')) = 'string'
        AND JSONB_EXTRACT_PATH(CAST("record" AS JSONB), 'eventTime') #>> '{}' < '2026-01-01T00:00:00Z'
      )
    )
    ELSE CARDINALITY(
      ARRAY(SELECT
        x26
      FROM UNNEST(ARRAY(SELECT
        x25
      FROM UNNEST(ARRAY(SELECT
        x24_item
      FROM UNNEST(ARRAY(SELECT
        x23_item
      FROM UNNEST(ARRAY(SELECT
        x22_item
      FROM UNNEST(ARRAY(SELECT
        x21_item
      FROM UNNEST(ARRAY(SELECT
        x20
      FROM UNNEST(ARRAY(SELECT
        JSONB_EXTRACT_PATH(x19, 'eventTime')
      FROM UNNEST(ARRAY(SELECT
        x18
      FROM UNNEST(ARRAY(SELECT
        x17_item
      FROM UNNEST(ARRAY(SELECT
        x16_item
      FROM UNNEST(ARRAY(SELECT
        x15_item
      FROM UNNEST(ARRAY(SELECT
        x14_item
      FROM UNNEST(ARRAY[CAST("record" AS JSONB)]) AS t_x14(x14)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x14) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x14))
        ELSE ARRAY[x14]
      END) AS t_x14_item(x14_item))) AS t_x15(x15)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x15) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x15))
        ELSE ARRAY[x15]
      END) AS t_x15_item(x15_item))) AS t_x16(x16)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x16) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x16))
        ELSE ARRAY[x16]
      END) AS t_x16_item(x16_item))) AS t_x17(x17)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x17) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x17))
        ELSE ARRAY[x17]
      END) AS t_x17_item(x17_item))) AS t_x18(x18)
      WHERE
        JSONB_TYPEOF(x18) = 'object')) AS t_x19(x19))) AS t_x20(x20)
      WHERE
        NOT x20 IS NULL AND JSONB_TYPEOF(x20) <> 'null')) AS t_x21(x21)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x21) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x21))
        ELSE ARRAY[x21]
      END) AS t_x21_item(x21_item))) AS t_x22(x22)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x22) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x22))
        ELSE ARRAY[x22]
      END) AS t_x22_item(x22_item))) AS t_x23(x23)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x23) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x23))
        ELSE ARRAY[x23]
      END) AS t_x23_item(x23_item))) AS t_x24(x24)
      CROSS JOIN UNNEST(CASE
        WHEN JSONB_TYPEOF(x24) = 'array'
        THEN ARRAY(SELECT
          JSONB_ARRAY_ELEMENTS(x24))
        ELSE ARRAY[x24]
      END) AS t_x24_item(x24_item))) AS t_x25(x25)
      WHERE
        NOT x25 IS NULL AND JSONB_TYPEOF(x25) <> 'null')) AS t_x26(x26)
      WHERE
        JSONB_TYPEOF(x26) = 'string' AND x26 #>> '{}' < '2026-01-01T00:00:00Z')
    ) > 0
  END
)
