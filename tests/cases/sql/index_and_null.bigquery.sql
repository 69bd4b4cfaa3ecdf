NOT (
  ARRAY_LENGTH(
    ARRAY(
      SELECT
        x22
      FROM UNNEST(ARRAY(
        SELECT
          x21_item
        FROM UNNEST(ARRAY(
          SELECT
            x20_item
          FROM UNNEST(ARRAY(
            SELECT
              x19_item
            FROM UNNEST(ARRAY(
              SELECT
                x18_item
              FROM UNNEST(ARRAY(
                SELECT
                  x17
                FROM UNNEST(ARRAY(
                  SELECT
                    x16['errorCode']
                  FROM UNNEST(ARRAY(
                    SELECT
                      x15
                    FROM UNNEST(ARRAY(
                      SELECT
                        x14_item
                      FROM UNNEST(ARRAY(
                        SELECT
                          x13_item
                        FROM UNNEST(ARRAY(
                          SELECT
                            x12_item
                          FROM UNNEST(ARRAY(
                            SELECT
                              x11_item
                            FROM UNNEST(ARRAY(
                              SELECT
                                x10
                              FROM UNNEST(ARRAY(
                                SELECT
                                  JSON_QUERY_ARRAY(x9, '$')[SAFE_OFFSET(0)]
                                FROM UNNEST(ARRAY(
                                  SELECT
                                    x8
                                  FROM UNNEST(ARRAY(
                                    SELECT
                                      x7
                                    FROM UNNEST(ARRAY(
                                      SELECT
                                        x6['Records']
                                      FROM UNNEST(ARRAY(
                                        SELECT
                                          x5
                                        FROM UNNEST(ARRAY(
                                          SELECT
                                            x4_item
                                          FROM UNNEST(ARRAY(
                                            SELECT
                                              x3_item
                                            FROM UNNEST(ARRAY(
                                              SELECT
                                                x2_item
                                              FROM UNNEST(ARRAY(
                                                SELECT
                                                  x1_item
                                                FROM UNNEST([PARSE_JSON(`record`, wide_number_mode => 'round')]) AS x1
                                                CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x1) = 'array' THEN JSON_QUERY_ARRAY(x1, '$') ELSE [x1] END) AS x1_item
                                              )) AS x2
                                              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x2) = 'array' THEN JSON_QUERY_ARRAY(x2, '$') ELSE [x2] END) AS x2_item
                                            )) AS x3
                                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x3) = 'array' THEN JSON_QUERY_ARRAY(x3, '$') ELSE [x3] END) AS x3_item
                                          )) AS x4
                                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x4) = 'array' THEN JSON_QUERY_ARRAY(x4, '$') ELSE [x4] END) AS x4_item
                                        )) AS x5
                                        WHERE
                                          JSON_TYPE(x5) = 'object'
                                      )) AS x6
                                    )) AS x7
                                    WHERE
                                      NOT x7 IS NULL AND JSON_TYPE(x7) <> 'null'
                                  )) AS x8
                                  WHERE
                                    JSON_TYPE(x8) = 'array'
                                )) AS x9
                              )) AS x10
                              WHERE
                                NOT x10 IS NULL AND JSON_TYPE(x10) <> 'null'
                            )) AS x11
                            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x11) = 'array' THEN JSON_QUERY_ARRAY(x11, '$') ELSE [x11] END) AS x11_item
                          )) AS x12
                          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x12) = 'array' THEN JSON_QUERY_ARRAY(x12, '$') ELSE [x12] END) AS x12_item
                        )) AS x13
                        CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x13) = 'array' THEN JSON_QUERY_ARRAY(x13, '$') ELSE [x13] END) AS x13_item
                      )) AS x14
                      CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x14) = 'array' THEN JSON_QUERY_ARRAY(x14, '$') ELSE [x14] END) AS x14_item
                    )) AS x15
                    WHERE
                      JSON_TYPE(x15) = 'object'
                  )) AS x16
                )) AS x17
                WHERE
                  NOT x17 IS NULL AND JSON_TYPE(x17) <> 'null'
              )) AS x18
              CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x18) = 'array' THEN JSON_QUERY_ARRAY(x18, '$') ELSE [x18] END) AS x18_item
            )) AS x19
            CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x19) = 'array' THEN JSON_QUERY_ARRAY(x19, '$') ELSE [x19] END) AS x19_item
          )) AS x20
          CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x20) = 'array' THEN JSON_QUERY_ARRAY(x20, '$') ELSE [x20] END) AS x20_item
        )) AS x21
        CROSS JOIN UNNEST(CASE WHEN JSON_TYPE(x21) = 'array' THEN JSON_QUERY_ARRAY(x21, '$') ELSE [x21] END) AS x21_item
      )) AS x22
      WHERE
        NOT x22 IS NULL AND JSON_TYPE(x22) <> 'null'
    )
  ) > 0
)
